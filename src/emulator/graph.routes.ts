import { randomUUID } from "node:crypto";
import { faultResult, graphError, type ApiResult } from "./api-errors";
import type { ApiCall, EmulatorContext } from "./emulator-context";
import type { SeedIssue, SeedService } from "./emulator-seed.types";
import { canReadHealth, findService, hasEffectiveRelationship, PARTNER_SERVICES } from "./emulator-world";
import { takeFault } from "./fault-rules";
import { throttledFamilyOf } from "./throttle-limits";
import {
  renderDelegatedAdminCustomer,
  renderIssue,
  renderOverview,
  renderRelationship,
} from "./graph-resource.mapper";
import { defineRoute, matchRoute, type Route } from "./http-kit";
import { parseJsonObject } from "./json-body";
import {
  matchesFilter,
  maxPageSizeFromPrefer,
  odataQueryString,
  parseEqualityFilter,
  parsePageSize,
  parseSkip,
  type FilterClause,
} from "./odata-query";

type GraphHandler = (call: ApiCall, ctx: EmulatorContext) => ApiResult | Promise<ApiResult>;

const GDAP_MAX_TOP = 300;
const GDAP_DEFAULT_TOP = 100;
const ISSUES_MAX_TOP = 1000;
const ISSUES_DEFAULT_TOP = 100;
const MAX_BATCH_REQUESTS = 20;

export const GRAPH_JSON = "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8";

const GDAP = "/v1.0/tenantRelationships";

/** Graph routes under /v1.0, authorized by the token's `tid`. */
export const GRAPH_ROUTES: readonly Route<GraphHandler>[] = [
  defineRoute<GraphHandler>("GET", `${GDAP}/delegatedAdminCustomers`, partnerOnly(listDelegatedAdminCustomers)),
  defineRoute<GraphHandler>("GET", `${GDAP}/delegatedAdminCustomers/{customerId}`, partnerOnly(getDelegatedAdminCustomer)),
  defineRoute<GraphHandler>("GET", `${GDAP}/delegatedAdminRelationships`, partnerOnly(listDelegatedAdminRelationships)),
  defineRoute<GraphHandler>("GET", `${GDAP}/delegatedAdminRelationships/{relationshipId}`, partnerOnly(getDelegatedAdminRelationship)),
  defineRoute<GraphHandler>("POST", `${GDAP}/delegatedAdminRelationships/{relationshipId}/requests`, partnerOnly(createDelegatedAdminRelationshipRequest)),
  defineRoute<GraphHandler>("GET", "/v1.0/admin/serviceAnnouncement/healthOverviews", listHealthOverviews),
  defineRoute<GraphHandler>("GET", "/v1.0/admin/serviceAnnouncement/healthOverviews/{serviceName}", getHealthOverview),
  defineRoute<GraphHandler>("GET", "/v1.0/admin/serviceAnnouncement/issues", listIssues),
  defineRoute<GraphHandler>("GET", "/v1.0/admin/serviceAnnouncement/issues/{issueId}", getIssue),
  defineRoute<GraphHandler>("POST", "/v1.0/$batch", batch),
];

/**
 * Routes one Graph call: injected faults first (by path and the token's tenant), then the
 * handler. Used for top-level calls and for each request inside a `$batch`.
 */
export async function dispatchGraph(call: Omit<ApiCall, "params">, ctx: EmulatorContext): Promise<ApiResult> {
  const match = matchRoute(GRAPH_ROUTES, call.method, call.path);
  const clientRequestId = call.headers["client-request-id"];
  const fault = takeFault(ctx.faults, call.path, call.claims.tid);
  if (fault) return faultResult("graph", fault, clientRequestId);
  // Throttled per app per tenant (the token's), each request of a $batch on its own.
  const family = throttledFamilyOf(call.path);
  const retryAfterSeconds = family === undefined ? null : (ctx.throttle?.take(family, call.claims.tid) ?? null);
  if (retryAfterSeconds !== null) return faultResult("graph", { status: 429, retryAfterSeconds, hang: false }, clientRequestId);
  if (match === undefined) {
    return graphError(400, "BadRequest", `Resource not found for the segment '${call.path.split("/").pop() ?? ""}'.`, clientRequestId);
  }
  if (match === "method-not-allowed") {
    return graphError(405, "Request_BadRequest", `The HTTP method '${call.method}' is not allowed for this resource.`, clientRequestId);
  }
  return match.route.handler({ ...call, params: match.params }, ctx);
}

function ok(body: unknown): ApiResult {
  return { status: 200, body };
}

function denied(call: ApiCall): ApiResult {
  return graphError(403, "Authorization_RequestDenied", "Insufficient privileges to complete the operation.", call.headers["client-request-id"]);
}

function badRequest(call: ApiCall, message: string): ApiResult {
  return graphError(400, "BadRequest", message, call.headers["client-request-id"]);
}

function notFound(call: ApiCall, message: string): ApiResult {
  return graphError(404, "NotFound", message, call.headers["client-request-id"]);
}

const contextUrl = (ctx: EmulatorContext, fragment: string) => `${ctx.url}/v1.0/$metadata#${fragment}`;
/** GDAP answers name the tenantRelationships service root, as Microsoft's list example does. */
const gdapContextUrl = (ctx: EmulatorContext, fragment: string) => `${ctx.url}/v1.0/tenantRelationships/$metadata#${fragment}`;

// ---- GDAP (partner tenant only) ----------------------------------------------------------------

/** GDAP data is the partner's: a customer tenant's token is refused. */
function partnerOnly(handler: GraphHandler): GraphHandler {
  return (call, ctx) => (ctx.world.isPartner(call.claims.tid) ? handler(call, ctx) : denied(call));
}

interface PageRequest {
  offset: number;
  size: number;
  filter: FilterClause[] | undefined;
  filterText: string | null;
}

/** `$top`, `$filter` and the signed `$skiptoken` of a GDAP list, or a 400 result. */
function gdapPageRequest(call: ApiCall, ctx: EmulatorContext): PageRequest | ApiResult {
  const top = parsePageSize(call.query.get("$top"), GDAP_DEFAULT_TOP, GDAP_MAX_TOP);
  if (!top.ok) return badRequest(call, top.message);
  const filterText = call.query.get("$filter");
  const filter = filterText === null ? undefined : parseEqualityFilter(filterText);
  if (filterText !== null && filter === undefined) return badRequest(call, `Invalid filter clause: '${filterText}' is not supported.`);
  const skipToken = call.query.get("$skiptoken") ?? call.query.get("$skipToken");
  if (skipToken === null) return { offset: 0, size: top.value, filter, filterText };
  const position = ctx.pageTokens.decode(skipToken);
  if (!position || typeof position["o"] !== "number") return badRequest(call, "The $skiptoken is invalid or expired.");
  const size = call.query.has("$top") ? top.value : Number(position["s"] ?? top.value);
  return { offset: position["o"], size, filter, filterText };
}

/** One page of a GDAP list, as `$top`, `$filter` and `$skiptoken` ask (or their 400). */
function gdapPage(call: ApiCall, ctx: EmulatorContext, fragment: string, items: Record<string, unknown>[]): ApiResult {
  const page = gdapPageRequest(call, ctx);
  if ("status" in page) return page;
  const { filter } = page;
  const filtered = filter ? items.filter((item) => matchesFilter(item, filter)) : items;
  const body: Record<string, unknown> = { "@odata.context": gdapContextUrl(ctx, fragment) };
  const nextOffset = page.offset + page.size;
  if (nextOffset < filtered.length) {
    const skipToken = ctx.pageTokens.encode({ o: nextOffset, s: page.size });
    const next = odataQueryString([["$top", String(page.size)], ["$filter", page.filterText], ["$skiptoken", skipToken]]);
    body["@odata.nextLink"] = `${ctx.url}${call.path}?${next}`;
  }
  body["value"] = filtered.slice(page.offset, page.offset + page.size);
  return ok(body);
}

function customersWithAccess(ctx: EmulatorContext) {
  return ctx.world.seed.tenants.filter(hasEffectiveRelationship);
}

function listDelegatedAdminCustomers(call: ApiCall, ctx: EmulatorContext): ApiResult {
  return gdapPage(call, ctx, "delegatedAdminCustomers", customersWithAccess(ctx).map(renderDelegatedAdminCustomer));
}

function getDelegatedAdminCustomer(call: ApiCall, ctx: EmulatorContext): ApiResult {
  const id = (call.params["customerId"] ?? "").toLowerCase();
  const tenant = customersWithAccess(ctx).find((t) => t.id.toLowerCase() === id);
  if (!tenant) return notFound(call, `The delegated admin customer '${id}' was not found.`);
  return ok({ "@odata.context": gdapContextUrl(ctx, "delegatedAdminCustomers/$entity"), ...renderDelegatedAdminCustomer(tenant) });
}

function listDelegatedAdminRelationships(call: ApiCall, ctx: EmulatorContext): ApiResult {
  return gdapPage(call, ctx, "delegatedAdminRelationships", ctx.world.seed.tenants.flatMap((t) => t.relationships.map(renderRelationship)));
}

function getDelegatedAdminRelationship(call: ApiCall, ctx: EmulatorContext): ApiResult {
  const id = (call.params["relationshipId"] ?? "").toLowerCase();
  const relationship = ctx.world.seed.tenants.flatMap((t) => t.relationships).find((r) => r.id.toLowerCase() === id);
  if (!relationship) return notFound(call, `The delegated admin relationship '${id}' was not found.`);
  return ok({ "@odata.context": gdapContextUrl(ctx, "delegatedAdminRelationships/$entity"), ...renderRelationship(relationship) });
}

/**
 * `POST .../delegatedAdminRelationships/{id}/requests` (delegatedadminrelationship-post-requests):
 * delegated tokens only ("Application: Not supported"); actions `lockForApproval` and `terminate`;
 * 201 with the request object and a Location header. Microsoft completes a termination
 * asynchronously (terminationRequested -> terminating -> terminated); the emulator completes it at
 * once, so the customer loses delegated access with this call.
 */
function createDelegatedAdminRelationshipRequest(call: ApiCall, ctx: EmulatorContext): ApiResult {
  if (call.claims.idtyp !== "user") return denied(call);
  const id = (call.params["relationshipId"] ?? "").toLowerCase();
  const relationship = ctx.world.seed.tenants.flatMap((t) => t.relationships).find((r) => r.id.toLowerCase() === id);
  if (!relationship) return notFound(call, `The delegated admin relationship '${id}' was not found.`);
  const action = parseJsonObject(call.body)?.["action"];
  if (action !== "terminate" && action !== "lockForApproval") {
    return badRequest(call, "The request body must carry an action: lockForApproval or terminate.");
  }
  const now = new Date().toISOString();
  if (action === "terminate") {
    if (relationship.status !== "active" && relationship.status !== "expiring") {
      return badRequest(call, `A relationship in status '${relationship.status}' cannot be terminated.`);
    }
    relationship.status = "terminated";
    relationship.endDateTime = now;
  } else {
    if (relationship.status !== "created") {
      return badRequest(call, `A relationship in status '${relationship.status}' cannot be locked for approval.`);
    }
    relationship.status = "approvalPending";
  }
  relationship.lastModifiedDateTime = now;
  const requestId = randomUUID();
  return {
    status: 201,
    headers: { location: `${ctx.url}/v1.0/tenantRelationships/delegatedAdminRelationships/${relationship.id}/requests/${requestId}` },
    body: {
      "@odata.type": "#microsoft.graph.delegatedAdminRelationshipRequest",
      "@odata.context": gdapContextUrl(ctx, "requests"),
      id: requestId,
      action,
      status: action === "terminate" ? "succeeded" : "created",
      createdDateTime: now,
      lastModifiedDateTime: now,
    },
  };
}

// ---- Service communications (customer tenant, GDAP health roles) ------------------------------

interface HealthView {
  services: readonly SeedService[];
  issues: readonly SeedIssue[];
}

/** The health the token's tenant may read, or undefined when the partner lacks a health role there. */
function healthView(call: ApiCall, ctx: EmulatorContext): HealthView | undefined {
  if (ctx.world.isPartner(call.claims.tid)) return { services: PARTNER_SERVICES, issues: [] };
  const tenant = ctx.world.findTenant(call.claims.tid);
  if (!tenant || !canReadHealth(tenant)) return undefined;
  return { services: tenant.services, issues: sortIssues(tenant.issues) };
}

/** Newest first, as the service communications API lists them. */
function sortIssues(issues: readonly SeedIssue[]): SeedIssue[] {
  return [...issues].sort((a, b) => b.lastModifiedDateTime.localeCompare(a.lastModifiedDateTime) || a.id.localeCompare(b.id));
}

/** Whether `$expand` asks for issues (the only navigation property of serviceHealth), or a 400 result. */
function expandIssues(call: ApiCall): boolean | ApiResult {
  const expand = call.query.get("$expand");
  if (expand === null) return false;
  const parts = expand.split(",").map((p) => p.trim()).filter(Boolean);
  const unknown = parts.find((p) => p.toLowerCase() !== "issues");
  if (unknown !== undefined) return badRequest(call, `Could not find a property named '${unknown}' on type 'microsoft.graph.serviceHealth'.`);
  return parts.length > 0;
}

function listHealthOverviews(call: ApiCall, ctx: EmulatorContext): ApiResult {
  const view = healthView(call, ctx);
  if (!view) return denied(call);
  const expand = expandIssues(call);
  if (typeof expand !== "boolean") return expand;
  return ok({
    // With $expand the context names the expansion, as Microsoft's example 2 shows: healthOverviews(issues()).
    "@odata.context": contextUrl(ctx, `admin/serviceAnnouncement/healthOverviews${expand ? "(issues())" : ""}`),
    value: view.services.map((s) => renderOverview(s, view.issues, call.claims.tid, expand)),
  });
}

function getHealthOverview(call: ApiCall, ctx: EmulatorContext): ApiResult {
  const view = healthView(call, ctx);
  if (!view) return denied(call);
  const expand = expandIssues(call);
  if (typeof expand !== "boolean") return expand;
  const name = call.params["serviceName"] ?? "";
  const service = findService(view.services, name);
  if (!service) return notFound(call, `The service '${name}' was not found for this tenant.`);
  return ok({
    "@odata.context": contextUrl(ctx, "admin/serviceAnnouncement/healthOverviews/$entity"),
    ...renderOverview(service, view.issues, call.claims.tid, expand),
  });
}

function listIssues(call: ApiCall, ctx: EmulatorContext): ApiResult {
  const view = healthView(call, ctx);
  if (!view) return denied(call);
  const preferred = maxPageSizeFromPrefer(call.headers["prefer"]);
  const top = parsePageSize(call.query.get("$top") ?? preferred, ISSUES_DEFAULT_TOP, ISSUES_MAX_TOP);
  if (!top.ok) return badRequest(call, top.message);
  const skip = parseSkip(call.query.get("$skip"));
  if (skip === undefined) return badRequest(call, "Invalid value for $skip: it must be a non-negative integer.");
  const filterText = call.query.get("$filter");
  const filter = filterText === null ? undefined : parseEqualityFilter(filterText);
  if (filterText !== null && filter === undefined) return badRequest(call, `Invalid filter clause: '${filterText}' is not supported.`);

  const all = view.issues.filter((issue) => (filter ? matchesFilter(issue, filter) : true));
  const body: Record<string, unknown> = { "@odata.context": contextUrl(ctx, "admin/serviceAnnouncement/issues") };
  if (skip + top.value < all.length) {
    const asked = call.query.has("$top") ? String(top.value) : null;
    const next = odataQueryString([["$top", asked], ["$filter", filterText], ["$skip", String(skip + top.value)]]);
    body["@odata.nextLink"] = `${ctx.url}${call.path}?${next}`;
  }
  body["value"] = all.slice(skip, skip + top.value).map((issue) => renderIssue(issue, call.claims.tid));
  const headers: Record<string, string> = preferred !== null && !call.query.has("$top") ? { "Preference-Applied": `odata.maxpagesize=${top.value}` } : {};
  return { status: 200, headers, body };
}

function getIssue(call: ApiCall, ctx: EmulatorContext): ApiResult {
  const view = healthView(call, ctx);
  if (!view) return denied(call);
  const id = call.params["issueId"] ?? "";
  const issue = view.issues.find((i) => i.id.toLowerCase() === id.toLowerCase());
  if (!issue) return notFound(call, `The issue '${id}' was not found for this tenant.`);
  return ok({ "@odata.context": contextUrl(ctx, "admin/serviceAnnouncement/issues/$entity"), ...renderIssue(issue, call.claims.tid) });
}

// ---- $batch ------------------------------------------------------------------------------------

interface BatchStep {
  id: string;
  method: string;
  url: string;
  headers?: Record<string, string>;
  dependsOn?: string[];
}

function parseBatch(body: string | undefined): BatchStep[] | string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body ?? "");
  } catch {
    return "Invalid batch payload format: the body is not JSON.";
  }
  const requests = (parsed as { requests?: unknown } | null)?.requests;
  if (!Array.isArray(requests) || requests.length === 0) return "Invalid batch payload format: 'requests' must be a non-empty array.";
  if (requests.length > MAX_BATCH_REQUESTS) return `Number of batch request steps exceeds the maximum of ${MAX_BATCH_REQUESTS}.`;
  const steps: BatchStep[] = [];
  const seen = new Set<string>();
  for (const raw of requests as unknown[]) {
    const step = raw as Partial<BatchStep> | null;
    if (!step || typeof step.id !== "string" || step.id === "" || typeof step.method !== "string" || typeof step.url !== "string") {
      return "Invalid batch payload format: every request needs a string id, method and url.";
    }
    if (seen.has(step.id)) return `Batch request contains duplicate id '${step.id}'.`;
    if (step.dependsOn !== undefined && (!Array.isArray(step.dependsOn) || step.dependsOn.some((d) => !seen.has(d)))) {
      return `Request '${step.id}' depends on an id that is not an earlier request of the batch.`;
    }
    seen.add(step.id);
    steps.push(step as BatchStep);
  }
  return steps;
}

/**
 * `POST /v1.0/$batch`: every step goes through the same routes, faults and token as a direct call,
 * in order; a step whose dependency failed answers 424. The outer call is 200 whatever the steps
 * answer, and a hanging step makes the whole batch hang (as a Graph timeout would).
 */
async function batch(call: ApiCall, ctx: EmulatorContext): Promise<ApiResult> {
  const steps = parseBatch(call.body);
  if (typeof steps === "string") return badRequest(call, steps);
  ctx.counters.countBatched(steps.length);
  const statusById = new Map<string, number>();
  const responses: Record<string, unknown>[] = [];
  for (const step of steps) {
    const result = await runStep(step, call, ctx, statusById);
    if (result.hang) return { status: 0, hang: true };
    statusById.set(step.id, result.status);
    responses.push({
      id: step.id,
      status: result.status,
      headers: { "Cache-Control": "no-cache", "Content-Type": GRAPH_JSON, ...result.headers },
      body: result.body,
    });
  }
  return ok({ responses });
}

async function runStep(step: BatchStep, outer: ApiCall, ctx: EmulatorContext, statusById: Map<string, number>): Promise<ApiResult> {
  const failedDependency = (step.dependsOn ?? []).some((d) => (statusById.get(d) ?? 0) >= 400);
  if (failedDependency) return graphError(424, "FailedDependency", "A request this request depends on failed.");
  const relative = step.url.replace(/^\/+/, "").replace(/^v1\.0\//, "");
  if (/^[a-z]+:\/\//i.test(step.url) || relative.startsWith("$batch")) {
    return graphError(400, "BadRequest", "A batch step url must be relative to the version root and must not be $batch.");
  }
  const url = new URL(`${ctx.url}/v1.0/${relative}`);
  const headers: Record<string, string | undefined> = { ...outer.headers };
  for (const [name, value] of Object.entries(step.headers ?? {})) headers[name.toLowerCase()] = value;
  return dispatchGraph(
    { method: step.method.toUpperCase(), path: url.pathname, query: url.searchParams, headers, claims: outer.claims },
    ctx,
  );
}
