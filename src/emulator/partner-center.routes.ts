import { partnerCenterError, type ApiResult } from "./api-errors";
import type { ApiCall, EmulatorContext, PartnerCenterHandler as PcHandler } from "./emulator-context";
import type { SeedSubscription, SeedTenant } from "./emulator-seed.types";
import { hasEffectiveRelationship } from "./emulator-world";
import { defineRoute, type Route } from "./http-kit";
import { appUserOnly } from "./service-requests.routes";

const CUSTOMERS_MAX_SIZE = 500;
const CONTINUATION_HEADER = "ms-continuationtoken";

/** Partner Center routes under /v1 (partner tenant token, Partner Center audience). */
export const PARTNER_CENTER_ROUTES: readonly Route<PcHandler>[] = [
  defineRoute<PcHandler>("GET", "/v1/customers", listCustomers),
  defineRoute<PcHandler>("GET", "/v1/customers/{customerId}", getCustomer),
  defineRoute<PcHandler>("GET", "/v1/customers/{customerId}/subscriptions", listSubscriptions),
  defineRoute<PcHandler>("GET", "/v1/customers/{customerId}/subscriptions/{subscriptionId}", getSubscription),
  // App+User only, as the (archived) support topics page states.
  defineRoute<PcHandler>("GET", "/v1/servicerequests/supporttopics", appUserOnly(listSupportTopics)),
];

/** The tenant a Partner Center call concerns (for counters and tenant-scoped faults). */
export function partnerCenterTenantOf(path: string, partnerTenantId: string): string {
  const match = /^\/v1\/customers\/([^/]+)/.exec(path);
  return match ? decodeURIComponent(match[1] as string).toLowerCase() : partnerTenantId;
}

// 3000 "invalid property" (400) in Partner Center's error-code table.
const badRequest = (description: string) => partnerCenterError(400, "3000", description);

/** A Partner Center collection; a further page adds `links.next` and its `continuationToken`. */
function collection(selfUri: string, items: unknown[], next?: { link: object; continuationToken: string }): Record<string, unknown> {
  return {
    totalCount: items.length,
    items,
    links: { self: { uri: selfUri, method: "GET", headers: [] }, ...(next && { next: next.link }) },
    ...(next && { continuationToken: next.continuationToken }),
    attributes: { objectType: "Collection" },
  };
}

function renderCustomer(tenant: SeedTenant, detailed: boolean): Record<string, unknown> {
  return {
    id: tenant.id,
    commerceId: tenant.commerceId,
    companyProfile: {
      tenantId: tenant.id,
      domain: tenant.domain,
      companyName: tenant.name,
      attributes: { objectType: "CustomerCompanyProfile" },
    },
    relationshipToPartner: "reseller",
    ...(detailed ? { allowDelegatedAccess: hasEffectiveRelationship(tenant), customDomains: [] } : {}),
    links: { self: { uri: `/customers/${tenant.id}`, method: "GET", headers: [] } },
    attributes: { objectType: "Customer" },
  };
}

function renderSubscription(tenant: SeedTenant, subscription: SeedSubscription): Record<string, unknown> {
  const self = `/customers/${tenant.id}/subscriptions/${subscription.id}`;
  return {
    ...structuredClone(subscription),
    links: {
      self: { uri: self, method: "GET", headers: [] },
      offer: { uri: `/offers/${subscription.offerId}?country=US`, method: "GET", headers: [] },
    },
    attributes: { etag: `"${subscription.id.slice(0, 8)}"`, objectType: "Subscription" },
  };
}

interface CustomerFilter {
  field: "companyname" | "domain";
  value: string;
}

/** The URL-encoded JSON `filter` of GET /customers (only `starts_with` on CompanyName/Domain). */
function parseCustomerFilter(raw: string | null): CustomerFilter | undefined | string {
  if (raw === null) return undefined;
  try {
    const f = JSON.parse(raw) as { Field?: unknown; Value?: unknown; Operator?: unknown };
    const field = String(f.Field ?? "").toLowerCase();
    if ((field !== "companyname" && field !== "domain") || typeof f.Value !== "string" || String(f.Operator).toLowerCase() !== "starts_with") {
      return "The filter must be {\"Field\":\"CompanyName\"|\"Domain\",\"Value\":\"...\",\"Operator\":\"starts_with\"}.";
    }
    return { field, value: f.Value.toLowerCase() };
  } catch {
    return "The filter is not valid JSON.";
  }
}

/**
 * GET /v1/customers?size=N. Pages are chained by `links.next` (absolute on the emulator's URL)
 * and an `MS-ContinuationToken` header; a next-page request without a valid token is refused.
 */
function listCustomers(call: ApiCall, ctx: EmulatorContext): ApiResult {
  const size = Number(call.query.get("size") ?? CUSTOMERS_MAX_SIZE);
  if (!Number.isInteger(size) || size < 1 || size > CUSTOMERS_MAX_SIZE) {
    return badRequest(`The size must be an integer from 1 to ${CUSTOMERS_MAX_SIZE}.`);
  }
  const filterRaw = call.query.get("filter");
  const filter = parseCustomerFilter(filterRaw);
  if (typeof filter === "string") return badRequest(filter);

  const token = call.headers[CONTINUATION_HEADER];
  const seekNext = (call.query.get("seekOperation") ?? "").toLowerCase() === "next";
  let offset = 0;
  if (seekNext && !token) return badRequest("The MS-ContinuationToken header is required with seekOperation=Next.");
  if (token) {
    const position = ctx.pageTokens.decode(token);
    if (!position || typeof position["o"] !== "number" || position["f"] !== (filterRaw ?? "")) {
      return badRequest("The continuation token is invalid or expired.");
    }
    offset = position["o"];
  }

  const all = ctx.world.seed.tenants.filter((t) => {
    if (!filter) return true;
    const value = filter.field === "companyname" ? t.name : t.domain;
    return value.toLowerCase().startsWith(filter.value);
  });
  const items = all.slice(offset, offset + size).map((t) => renderCustomer(t, false));
  const query = new URLSearchParams({ size: String(size) });
  if (filterRaw !== null) query.set("filter", filterRaw);
  const selfUri = `/customers?${query.toString()}`;
  if (offset + size >= all.length) return { status: 200, body: collection(selfUri, items) };

  const continuationToken = ctx.pageTokens.encode({ o: offset + size, f: filterRaw ?? "" });
  query.set("seekOperation", "Next");
  const link = {
    uri: `${ctx.url}/v1/customers?${query.toString()}`,
    method: "GET",
    headers: [{ key: "MS-ContinuationToken", value: continuationToken }],
  };
  return { status: 200, body: collection(selfUri, items, { link, continuationToken }) };
}

function findCustomer(call: ApiCall, ctx: EmulatorContext): SeedTenant | ApiResult {
  const id = call.params["customerId"] ?? "";
  const tenant = ctx.world.findTenant(id);
  if (!tenant || tenant.id.toLowerCase() !== id.toLowerCase()) {
    return partnerCenterError(404, "1000", `Customer ${id} was not found for this partner.`);
  }
  return tenant;
}

function getCustomer(call: ApiCall, ctx: EmulatorContext): ApiResult {
  const tenant = findCustomer(call, ctx);
  if ("status" in tenant) return tenant;
  return { status: 200, body: renderCustomer(tenant, true) };
}

function listSubscriptions(call: ApiCall, ctx: EmulatorContext): ApiResult {
  const tenant = findCustomer(call, ctx);
  if ("status" in tenant) return tenant;
  const items = tenant.subscriptions.map((s) => renderSubscription(tenant, s));
  return { status: 200, body: collection(`/customers/${tenant.id}/subscriptions`, items) };
}

function getSubscription(call: ApiCall, ctx: EmulatorContext): ApiResult {
  const tenant = findCustomer(call, ctx);
  if ("status" in tenant) return tenant;
  const id = (call.params["subscriptionId"] ?? "").toLowerCase();
  const subscription = tenant.subscriptions.find((s) => s.id === id);
  if (!subscription) return partnerCenterError(404, "20003", `Subscription with ID ${id} was not found.`);
  return { status: 200, body: renderSubscription(tenant, subscription) };
}

function listSupportTopics(_call: ApiCall, ctx: EmulatorContext): ApiResult {
  // The topics call belongs to the same archived contract as service request create (issue 4).
  if (ctx.serviceRequestCreate === "retired") return partnerCenterError(410, "600051", "This operation is no longer supported. Use Partner Center (partner.microsoft.com) under Support.");
  // As the published example: {name, description, id (a number), attributes}, a collection without links.
  const items = ctx.world.seed.supportTopics.map((t) => ({ name: t.name, description: t.description, id: t.id, attributes: { objectType: "SupportTopic" } }));
  return { status: 200, body: { totalCount: items.length, items, attributes: { objectType: "Collection" } } };
}
