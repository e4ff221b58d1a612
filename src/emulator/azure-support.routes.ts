import { z } from "zod";
import { armError, faultResult, type ApiResult } from "./api-errors";
import { authenticate } from "./emulator-auth";
import { bearerTokenOf, type ApiCall, type ControlHandler, type EmulatorContext, type UnauthenticatedCall } from "./emulator-context";
import type { SeedTenant } from "./emulator-seed.types";
import type { EmulatorWorld } from "./emulator-world";
import { takeFault } from "./fault-rules";
import { controlError, withControlBody } from "./control-body";
import { defineRoute, matchRoute, routeKeyOf, type Route } from "./http-kit";
import { nonBlankText, parseJsonObject } from "./json-body";
import { odataQueryString } from "./odata-query";
import {
  armSubscriptionsOf,
  AZURE_SERVICES,
  canSeeAzureSubscriptions,
  hasSupportRequestRole,
  type EmulatorArmSubscription,
} from "./azure-support-catalog";
import { RESOURCE } from "./token-issuer";

/**
 * Azure Resource Manager, as far as Azure Support needs it: `GET /subscriptions`, the
 * `Microsoft.Support` services and problem classifications, and support tickets with their
 * communications under a subscription (api-version 2020-04-01 shapes, as @azure/arm-support
 * 2.1.0 sends them; a create at 2024-04-01 or later must say `advancedDiagnosticConsent`, as that
 * version's swagger requires). Answers carry only properties the swaggers define, and omit what is
 * unknown rather than sending null. Tokens must carry the ARM audience and come from the
 * subscription's tenant; ticket calls need "Support Request Contributor" (see
 * azure-support-catalog.ts for who lacks it). A ticket create may carry up to three
 * `x-ms-authorization-auxiliary` tokens (filing on behalf of a CSP customer: the partner tenant's
 * token); each must be valid, and their tenants are recorded on the ticket.
 * PUTs are idempotent by resource name: a repeat returns the existing ticket or communication.
 */

export interface EmulatorAzureCommunication {
  name: string;
  subject: string;
  body: string;
  sender: string | null;
  /** As Azure's examples show it, from the customer's side: outbound = sent by the customer/partner, inbound = from Microsoft support. */
  communicationDirection: "inbound" | "outbound";
  communicationType: "web";
  createdDate: string;
}

export interface EmulatorAzureTicket {
  name: string;
  subscriptionId: string;
  tenantId: string;
  supportTicketId: string;
  title: string;
  description: string;
  serviceId: string;
  problemClassificationId: string;
  severity: string;
  require24X7Response: boolean;
  contactDetails: Record<string, unknown>;
  /** `Yes` / `No` when the create said so (required from api-version 2024-04-01). */
  advancedDiagnosticConsent?: string;
  /** Tenants of the valid `x-ms-authorization-auxiliary` tokens the create carried (on-behalf-of filing). */
  auxiliaryTenantIds: string[];
  status: "Open" | "Closed";
  createdDate: string;
  modifiedDate: string;
  communications: EmulatorAzureCommunication[];
}

interface AzureSupportState {
  tickets: EmulatorAzureTicket[];
  nextNumber: number;
}

const FIRST_TICKET_NUMBER = 2_600_000_000_000_001;
// State belongs to the world, so POST /_emulator/reset (a new world) starts with no tickets.
const states = new WeakMap<EmulatorWorld, AzureSupportState>();

function stateOf(ctx: EmulatorContext): AzureSupportState {
  let state = states.get(ctx.world);
  if (!state) {
    state = { tickets: [], nextNumber: FIRST_TICKET_NUMBER };
    states.set(ctx.world, state);
  }
  return state;
}

/** True for paths this module answers (`/subscriptions...`, `/providers/Microsoft.Support...`). */
export const isAzureResourceManagerPath = (path: string): boolean =>
  path === "/subscriptions" || path.startsWith("/subscriptions/") || path.toLowerCase().startsWith("/providers/microsoft.support");

type ArmHandler = (call: ApiCall, ctx: EmulatorContext, tenant: SeedTenant | null) => ApiResult | Promise<ApiResult>;

const TICKETS = "/subscriptions/{subscriptionId}/providers/Microsoft.Support/supportTickets";

const AZURE_SUPPORT_ROUTES: readonly Route<ArmHandler>[] = [
  defineRoute<ArmHandler>("GET", "/subscriptions", listSubscriptions),
  defineRoute<ArmHandler>("GET", "/providers/Microsoft.Support/services", listServices),
  defineRoute<ArmHandler>("GET", "/providers/Microsoft.Support/services/{serviceName}/problemClassifications", listProblemClassifications),
  defineRoute<ArmHandler>("GET", TICKETS, listTickets),
  defineRoute<ArmHandler>("GET", `${TICKETS}/{name}`, getTicket),
  defineRoute<ArmHandler>("PUT", `${TICKETS}/{name}`, createTicket),
  defineRoute<ArmHandler>("GET", `${TICKETS}/{name}/communications`, listCommunications),
  defineRoute<ArmHandler>("GET", `${TICKETS}/{name}/communications/{communicationName}`, getCommunication),
  defineRoute<ArmHandler>("PUT", `${TICKETS}/{name}/communications/{communicationName}`, createCommunication),
];

/** Authenticates (ARM audience), counts, applies faults, checks the subscription and role, then routes. */
export async function handleAzureResourceManager(call: UnauthenticatedCall, ctx: EmulatorContext): Promise<ApiResult> {
  const match = matchRoute(AZURE_SUPPORT_ROUTES, call.method, call.path);
  const routeKey = routeKeyOf(match, call.method);
  const claims = await authenticate(call, RESOURCE.ARM, ctx);
  if (typeof claims === "string") {
    ctx.counters.countApiCall(routeKey, undefined);
    return armError(401, "InvalidAuthenticationToken", `The access token is invalid. ${claims}`, {
      "WWW-Authenticate": `Bearer authorization_uri="${ctx.url}/common/oauth2/authorize", error="invalid_token"`,
    });
  }
  const tokenTenant = ctx.world.findTenant(claims.tid) ?? null;
  ctx.counters.countApiCall(routeKey, claims.tid);
  const fault = takeFault(ctx.faults, call.path, claims.tid);
  if (fault) return faultResult("arm", fault);
  if (match === undefined) return armError(404, "NotFound", `The resource ${call.path} was not found.`);
  if (match === "method-not-allowed") return armError(405, "MethodNotAllowed", `${call.method} is not allowed on ${call.path}.`);
  if (!call.query.get("api-version")) {
    return armError(400, "MissingApiVersionParameter", "The api-version query parameter (?api-version=) is required for all requests.");
  }
  const apiCall: ApiCall = { ...call, claims, params: match.params };
  const subscriptionId = match.params["subscriptionId"];
  if (subscriptionId === undefined) return match.route.handler(apiCall, ctx, tokenTenant);

  const owner = findSubscription(ctx, subscriptionId);
  if (!owner) return armError(404, "SubscriptionNotFound", `The subscription '${subscriptionId}' could not be found.`);
  if (!sameId(owner.tenant.id, claims.tid)) {
    return armError(401, "InvalidAuthenticationTokenTenant", `The access token is from the wrong issuer. It must match the tenant '${owner.tenant.id}' associated with this subscription.`);
  }
  if (!hasSupportRequestRole(owner.tenant)) {
    const action = call.method === "GET" ? "read" : "write";
    const resource = call.path.includes("/communications") ? "supportTickets/communications" : "supportTickets";
    return armError(
      403,
      "AuthorizationFailed",
      `The client '${claims.appid}' with object id '${claims.oid}' does not have authorization to perform action 'Microsoft.Support/${resource}/${action}' over scope '/subscriptions/${owner.subscription.subscriptionId}' or the scope is invalid. If access was recently granted, please refresh your credentials.`,
    );
  }
  return match.route.handler(apiCall, ctx, owner.tenant);
}

function findSubscription(ctx: EmulatorContext, subscriptionId: string): { tenant: SeedTenant; subscription: EmulatorArmSubscription } | undefined {
  const id = subscriptionId.toLowerCase();
  for (const tenant of ctx.world.seed.tenants) {
    const subscription = armSubscriptionsOf(tenant).find((item) => item.subscriptionId.toLowerCase() === id);
    if (subscription) return { tenant, subscription };
  }
  return undefined;
}

/** An ARM list answer: `{ value }`, all on one page. */
const armList = (value: unknown[]): ApiResult => ({ status: 200, body: { value } });

function listSubscriptions(_call: ApiCall, ctx: EmulatorContext, tenant: SeedTenant | null): ApiResult {
  const visible = tenant && canSeeAzureSubscriptions(tenant) ? armSubscriptionsOf(tenant) : [];
  return armList(
    visible.map((item) => ({
      id: `/subscriptions/${item.subscriptionId}`,
      subscriptionId: item.subscriptionId,
      tenantId: item.tenantId,
      displayName: item.displayName,
      state: item.state,
      subscriptionPolicies: { locationPlacementId: "Public_2014-09-01", quotaId: "CSP_2015-05-01", spendingLimit: "Off" },
      authorizationSource: "RoleBased",
      // A CSP customer's subscriptions are managed by the partner tenant.
      managedByTenants: [{ tenantId: ctx.world.seed.partner.tenantId }],
    })),
  );
}

const serviceId = (name: string): string => `/providers/Microsoft.Support/services/${name}`;
/** ARM ids compare case-insensitively. */
const sameId = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

function listServices(): ApiResult {
  return armList(
    AZURE_SERVICES.map((service) => ({
      id: serviceId(service.name),
      name: service.name,
      type: "Microsoft.Support/services",
      properties: { displayName: service.displayName, resourceTypes: service.resourceTypes },
    })),
  );
}

function listProblemClassifications(call: ApiCall): ApiResult {
  const name = (call.params["serviceName"] ?? "").toLowerCase();
  const service = AZURE_SERVICES.find((item) => item.name === name);
  if (!service) return armError(404, "ServiceNotFound", `Service '${name}' was not found.`);
  return armList(
    service.problemClassifications.map((item) => ({
      id: `${serviceId(service.name)}/problemClassifications/${item.name}`,
      name: item.name,
      type: "Microsoft.Support/problemClassifications",
      properties: { displayName: item.displayName },
    })),
  );
}

/** The SLA Azure states for a severity (minutes to first response), as in its examples (240 for moderate). */
const SLA_MINUTES: Record<string, number> = { minimal: 480, moderate: 240, critical: 60, highestcriticalimpact: 15 };

/** SupportTicketDetails as the swagger defines it; unknown display names are left out, never null. */
function renderTicket(ticket: EmulatorAzureTicket, apiVersion: string): Record<string, unknown> {
  const service = AZURE_SERVICES.find((item) => sameId(ticket.serviceId, serviceId(item.name)));
  const classification = service?.problemClassifications.find((item) => ticket.problemClassificationId.toLowerCase().endsWith(`/${item.name}`));
  const slaMinutes = SLA_MINUTES[ticket.severity] ?? 240;
  return {
    id: `/subscriptions/${ticket.subscriptionId}/providers/Microsoft.Support/supportTickets/${ticket.name}`,
    name: ticket.name,
    type: "Microsoft.Support/supportTickets",
    properties: {
      supportTicketId: ticket.supportTicketId,
      description: ticket.description,
      problemClassificationId: ticket.problemClassificationId,
      ...(classification ? { problemClassificationDisplayName: classification.displayName } : {}),
      severity: ticket.severity,
      require24X7Response: ticket.require24X7Response,
      // Each api-version answers its own schema: 2020-04-01 has no advancedDiagnosticConsent.
      ...(ticket.advancedDiagnosticConsent === undefined || !requiresDiagnosticConsent(apiVersion) ? {} : { advancedDiagnosticConsent: ticket.advancedDiagnosticConsent }),
      contactDetails: structuredClone(ticket.contactDetails),
      serviceLevelAgreement: {
        startTime: ticket.createdDate,
        expirationTime: new Date(Date.parse(ticket.createdDate) + slaMinutes * 60_000).toISOString(),
        slaMinutes,
      },
      title: ticket.title,
      serviceId: ticket.serviceId,
      ...(service ? { serviceDisplayName: service.displayName } : {}),
      status: ticket.status,
      createdDate: ticket.createdDate,
      modifiedDate: ticket.modifiedDate,
    },
  };
}

function renderCommunication(ticket: EmulatorAzureTicket, item: EmulatorAzureCommunication): Record<string, unknown> {
  return {
    id: `/subscriptions/${ticket.subscriptionId}/providers/Microsoft.Support/supportTickets/${ticket.name}/communications/${item.name}`,
    name: item.name,
    type: "Microsoft.Support/communications",
    properties: {
      communicationType: item.communicationType,
      communicationDirection: item.communicationDirection,
      ...(item.sender === null ? {} : { sender: item.sender }),
      subject: item.subject,
      body: item.body,
      createdDate: item.createdDate,
    },
  };
}

const ticketsOf = (ctx: EmulatorContext, subscriptionId: string): EmulatorAzureTicket[] =>
  stateOf(ctx).tickets.filter((item) => item.subscriptionId.toLowerCase() === subscriptionId.toLowerCase());

function findTicket(call: ApiCall, ctx: EmulatorContext): EmulatorAzureTicket | ApiResult {
  const name = call.params["name"] ?? "";
  const ticket = ticketsOf(ctx, call.params["subscriptionId"] ?? "").find((item) => item.name.toLowerCase() === name.toLowerCase());
  return ticket ?? armError(404, "SupportTicketNotFound", `Support ticket '${name}' was not found.`);
}

const isTicket = (value: EmulatorAzureTicket | ApiResult): value is EmulatorAzureTicket => "supportTicketId" in value;

/** `$filter`: `status eq 'Open'|'Closed'` and `createdDate ge|gt <ISO time>`, joined by `and`. */
function parseTicketFilter(raw: string | null): ((ticket: EmulatorAzureTicket) => boolean) | string {
  if (raw === null || raw.trim() === "") return () => true;
  const tests: ((ticket: EmulatorAzureTicket) => boolean)[] = [];
  for (const clause of raw.split(/\s+and\s+/i)) {
    const status = /^\s*status\s+eq\s+'(open|closed)'\s*$/i.exec(clause);
    if (status) {
      const wanted = (status[1] as string).toLowerCase();
      tests.push((ticket) => ticket.status.toLowerCase() === wanted);
      continue;
    }
    const created = /^\s*createdDate\s+(ge|gt)\s+'?([0-9T:.+\-Z]+)'?\s*$/i.exec(clause);
    if (created && !Number.isNaN(Date.parse(created[2] as string))) {
      const at = Date.parse(created[2] as string);
      const inclusive = (created[1] as string).toLowerCase() === "ge";
      tests.push((ticket) => (inclusive ? Date.parse(ticket.createdDate) >= at : Date.parse(ticket.createdDate) > at));
      continue;
    }
    return `Unsupported $filter clause '${clause.trim()}'. Use status eq 'Open'|'Closed' and createdDate ge|gt <date>.`;
  }
  return (ticket) => tests.every((test) => test(ticket));
}

/** The swagger's `$top`: "Default is 25 and max is 100"; further pages through `nextLink` (x-ms-pageable). */
const TICKETS_DEFAULT_TOP = 25;
const TICKETS_MAX_TOP = 100;

function listTickets(call: ApiCall, ctx: EmulatorContext): ApiResult {
  const filterText = call.query.get("$filter");
  const filter = parseTicketFilter(filterText);
  if (typeof filter === "string") return armError(400, "InvalidFilter", filter);
  const top = Number(call.query.get("$top") ?? TICKETS_DEFAULT_TOP);
  if (!Number.isInteger(top) || top < 1 || top > TICKETS_MAX_TOP) return armError(400, "InvalidTop", `$top must be an integer from 1 to ${TICKETS_MAX_TOP}.`);
  const skipToken = call.query.get("$skiptoken");
  const position = skipToken === null ? { o: 0 } : ctx.pageTokens.decode(skipToken);
  if (!position || typeof position["o"] !== "number") return armError(400, "InvalidSkipToken", "The $skiptoken is invalid or expired.");
  const offset = position["o"];
  const all = ticketsOf(ctx, call.params["subscriptionId"] ?? "").filter(filter);
  const body: Record<string, unknown> = { value: all.slice(offset, offset + top).map((ticket) => renderTicket(ticket, apiVersionOf(call))) };
  if (offset + top < all.length) {
    const nextToken = ctx.pageTokens.encode({ o: offset + top });
    const next = odataQueryString([
      ["api-version", apiVersionOf(call)], ["$top", String(top)], ["$filter", filterText], ["$skiptoken", nextToken],
    ]);
    body["nextLink"] = `${ctx.url}${call.path}?${next}`;
  }
  return { status: 200, body };
}

function getTicket(call: ApiCall, ctx: EmulatorContext): ApiResult {
  const ticket = findTicket(call, ctx);
  return isTicket(ticket) ? { status: 200, body: renderTicket(ticket, apiVersionOf(call)) } : ticket;
}

function parseProperties(body: string | undefined): Record<string, unknown> | undefined {
  const properties = parseJsonObject(body)?.["properties"];
  return typeof properties === "object" && properties !== null ? (properties as Record<string, unknown>) : undefined;
}

const SEVERITIES = ["minimal", "moderate", "critical", "highestcriticalimpact"];
const CONTACT_FIELDS = ["firstName", "lastName", "preferredContactMethod", "primaryEmailAddress", "preferredTimeZone", "country", "preferredSupportLanguage"];

async function createTicket(call: ApiCall, ctx: EmulatorContext, tenant: SeedTenant | null): Promise<ApiResult> {
  const existing = findTicket(call, ctx);
  if (isTicket(existing)) return { status: 200, body: renderTicket(existing, apiVersionOf(call)) };
  const auxiliary = await verifyAuxiliaryTokens(call, ctx);
  if (!Array.isArray(auxiliary)) return auxiliary;
  const properties = parseProperties(call.body);
  if (!properties) return armError(400, "InvalidRequestContent", "The request content must be a JSON object with 'properties'.");
  const consent = properties["advancedDiagnosticConsent"];
  if (consent !== undefined && consent !== "Yes" && consent !== "No") {
    return armError(400, "InvalidAdvancedDiagnosticConsent", "advancedDiagnosticConsent must be Yes or No.");
  }
  if (consent === undefined && requiresDiagnosticConsent(apiVersionOf(call))) {
    return armError(400, "MissingRequiredProperty", "advancedDiagnosticConsent is required from api-version 2024-04-01.");
  }
  const title = nonBlankText(properties["title"]);
  const description = nonBlankText(properties["description"]);
  const service = nonBlankText(properties["serviceId"]);
  const classification = nonBlankText(properties["problemClassificationId"]);
  const severity = String(properties["severity"] ?? "").toLowerCase();
  if (!title || !description || !service || !classification) {
    return armError(400, "MissingRequiredProperty", "title, description, serviceId and problemClassificationId are required.");
  }
  if (title.length > 200) return armError(400, "InvalidTitle", "The title must be at most 200 characters long.");
  if (!SEVERITIES.includes(severity)) return armError(400, "InvalidSeverity", `severity must be one of ${SEVERITIES.join(", ")}.`);
  const known = AZURE_SERVICES.find((item) => sameId(serviceId(item.name), service));
  if (!known) return armError(400, "InvalidServiceId", `Service '${service}' does not exist.`);
  if (!known.problemClassifications.some((item) => sameId(classification, `${serviceId(known.name)}/problemClassifications/${item.name}`))) {
    return armError(400, "InvalidProblemClassificationId", `Problem classification '${classification}' does not belong to service '${service}'.`);
  }
  const contact = (properties["contactDetails"] ?? {}) as Record<string, unknown>;
  const missing = CONTACT_FIELDS.filter((field) => !nonBlankText(contact[field]));
  if (missing.length > 0) return armError(400, "InvalidContactDetails", `contactDetails.${missing[0] as string} is required.`);
  const state = stateOf(ctx);
  const now = new Date().toISOString();
  const ticket: EmulatorAzureTicket = {
    name: call.params["name"] ?? "",
    subscriptionId: (call.params["subscriptionId"] ?? "").toLowerCase(),
    tenantId: tenant?.id ?? call.claims.tid,
    supportTicketId: String(state.nextNumber++),
    title,
    description,
    serviceId: service,
    problemClassificationId: classification,
    severity,
    require24X7Response: properties["require24X7Response"] === true,
    contactDetails: structuredClone(contact),
    ...(typeof consent === "string" ? { advancedDiagnosticConsent: consent } : {}),
    auxiliaryTenantIds: auxiliary,
    status: "Open",
    createdDate: now,
    modifiedDate: now,
    communications: [],
  };
  state.tickets.push(ticket);
  return { status: 201, body: renderTicket(ticket, apiVersionOf(call)) };
}

/** Swagger 2024-04-01 lists `advancedDiagnosticConsent` among a ticket's required properties; 2020-04-01 does not define it. */
const requiresDiagnosticConsent = (apiVersion: string): boolean => /^\d{4}-\d{2}-\d{2}/.test(apiVersion) && apiVersion.slice(0, 10) >= "2024-04-01";

const MAX_AUXILIARY_TOKENS = 3;

const apiVersionOf = (call: ApiCall): string => call.query.get("api-version") ?? "";

/**
 * `x-ms-authorization-auxiliary: Bearer <t1>, Bearer <t2>` (at most three, ARM audience): the
 * tenants of the valid tokens, or ARM's 401 when one is invalid or expired (as ARM answers).
 */
async function verifyAuxiliaryTokens(call: ApiCall, ctx: EmulatorContext): Promise<string[] | ApiResult> {
  const header = call.headers["x-ms-authorization-auxiliary"];
  if (header === undefined || header.trim() === "") return [];
  const parts = header.split(",").map((part) => part.trim()).filter(Boolean);
  if (parts.length > MAX_AUXILIARY_TOKENS) {
    return armError(400, "InvalidAuxiliaryTokens", `The x-ms-authorization-auxiliary header holds at most ${MAX_AUXILIARY_TOKENS} tokens.`);
  }
  const tenants: string[] = [];
  for (const part of parts) {
    const token = bearerTokenOf(part);
    const verified = token ? await ctx.issuer.verify(token, RESOURCE.ARM) : { ok: false as const, reason: "Not a bearer token." };
    if (!verified.ok) return armError(401, "InvalidAuthenticationToken", `The auxiliary access token is invalid. ${verified.reason}`);
    tenants.push(verified.claims.tid.toLowerCase());
  }
  return tenants;
}

function listCommunications(call: ApiCall, ctx: EmulatorContext): ApiResult {
  const ticket = findTicket(call, ctx);
  if (!isTicket(ticket)) return ticket;
  return armList(ticket.communications.map((item) => renderCommunication(ticket, item)));
}

function getCommunication(call: ApiCall, ctx: EmulatorContext): ApiResult {
  const ticket = findTicket(call, ctx);
  if (!isTicket(ticket)) return ticket;
  const name = (call.params["communicationName"] ?? "").toLowerCase();
  const item = ticket.communications.find((entry) => entry.name.toLowerCase() === name);
  return item ? { status: 200, body: renderCommunication(ticket, item) } : armError(404, "CommunicationNotFound", `Communication '${name}' was not found.`);
}

function createCommunication(call: ApiCall, ctx: EmulatorContext): ApiResult {
  const ticket = findTicket(call, ctx);
  if (!isTicket(ticket)) return ticket;
  const name = call.params["communicationName"] ?? "";
  const existing = ticket.communications.find((entry) => entry.name.toLowerCase() === name.toLowerCase());
  if (existing) return { status: 200, body: renderCommunication(ticket, existing) };
  if (ticket.status === "Closed") return armError(409, "SupportTicketClosed", `Support ticket '${ticket.name}' is closed.`);
  const properties = parseProperties(call.body);
  const subject = nonBlankText(properties?.["subject"]);
  const body = nonBlankText(properties?.["body"]);
  if (!subject || !body) return armError(400, "MissingRequiredProperty", "subject and body are required.");
  // Service principals must say who writes (Azure requires `sender` when called by an app).
  const sender = nonBlankText(properties?.["sender"]);
  if (call.claims.idtyp === "app" && !sender) return armError(400, "MissingRequiredProperty", "sender is required when called by a service principal.");
  const item: EmulatorAzureCommunication = {
    name,
    subject,
    body,
    sender: sender ?? null,
    communicationDirection: "outbound",
    communicationType: "web",
    createdDate: new Date().toISOString(),
  };
  ticket.communications.push(item);
  ticket.modifiedDate = item.createdDate;
  return { status: 201, body: renderCommunication(ticket, item) };
}

const statusSchema = z.object({ status: z.enum(["open", "closed"]), note: z.string().min(1).max(4000).optional() }).strict();
const communicationSchema = z.object({ body: z.string().min(1).max(4000), subject: z.string().min(1).max(200).optional() }).strict();

/** A ticket by ARM name or by Azure's support ticket number. */
function controlTicket(ctx: EmulatorContext, key: string): EmulatorAzureTicket | undefined {
  return stateOf(ctx).tickets.find((item) => item.name.toLowerCase() === key.toLowerCase() || item.supportTicketId === key);
}

function engineerNote(ticket: EmulatorAzureTicket, body: string, subject: string): void {
  const now = new Date().toISOString();
  ticket.communications.push({
    name: `msft-${ticket.communications.length + 1}`,
    subject,
    body,
    sender: "azure-support-engineer@microsoft.example",
    communicationDirection: "inbound",
    communicationType: "web",
    createdDate: now,
  });
  ticket.modifiedDate = now;
}

/** What a Microsoft support engineer does to a filed Azure ticket, plus the list of filed tickets. */
export const AZURE_SUPPORT_CONTROL_ROUTES: readonly Route<ControlHandler>[] = [
  defineRoute<ControlHandler>("GET", "/_emulator/azure-support-tickets", (_call, ctx) => ({
    status: 200,
    body: { supportTickets: structuredClone(stateOf(ctx).tickets) },
  })),
  defineRoute("POST", "/_emulator/azure-support-tickets/{name}/status", withControlBody(statusSchema, (body, call, ctx) => {
    const ticket = controlTicket(ctx, call.params["name"] ?? "");
    if (!ticket) return controlError(404, `No Azure support ticket ${call.params["name"] ?? ""}.`);
    if (body.note) engineerNote(ticket, body.note, body.status === "closed" ? "Case closed" : "Case update");
    ticket.status = body.status === "closed" ? "Closed" : "Open";
    ticket.modifiedDate = new Date().toISOString();
    return { status: 200, body: structuredClone(ticket) };
  })),
  defineRoute("POST", "/_emulator/azure-support-tickets/{name}/communications", withControlBody(communicationSchema, (body, call, ctx) => {
    const ticket = controlTicket(ctx, call.params["name"] ?? "");
    if (!ticket) return controlError(404, `No Azure support ticket ${call.params["name"] ?? ""}.`);
    if (ticket.status === "Closed") return controlError(400, `Azure support ticket ${ticket.name} is closed.`);
    engineerNote(ticket, body.body, body.subject ?? "Information needed");
    return { status: 200, body: structuredClone(ticket) };
  })),
];
