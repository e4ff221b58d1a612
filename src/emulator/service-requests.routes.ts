import { z } from "zod";
import { partnerCenterError, type ApiResult } from "./api-errors";
import type { ApiCall, ControlHandler, EmulatorContext, PartnerCenterHandler as PcHandler } from "./emulator-context";
import { controlError, withControlBody } from "./control-body";
import { defineRoute, type Route } from "./http-kit";
import { asJsonObject, nonBlankText, parseJsonObject } from "./json-body";
import {
  MICROSOFT_ENGINEER_NAME,
  SEVERITIES,
  UNSET_DATE,
  type EmulatorServiceRequest,
  type EmulatorServiceRequestContact,
} from "./service-request-state";

/** Partner Center service request routes (App+User tokens only). Registered after the other /v1 routes. */
export const SERVICE_REQUEST_ROUTES: readonly Route<PcHandler>[] = [
  defineRoute<PcHandler>("GET", "/v1/servicerequests", appUserOnly(listAll)),
  defineRoute<PcHandler>("GET", "/v1/customers/{customerId}/servicerequests", appUserOnly(listForCustomer)),
  defineRoute<PcHandler>("GET", "/v1/servicerequests/{id}", appUserOnly(getOne)),
  defineRoute<PcHandler>("PATCH", "/v1/servicerequests/{id}", appUserOnly(replayed(patch))),
  defineRoute<PcHandler>("POST", "/v1/servicerequests/{agentLocale}", appUserOnly(replayed(create))),
];

/**
 * Service requests and support topics are App+User only (each page's Prerequisites): an app-only
 * token is refused with 403 and the documented "access denied" code 2032.
 */
export function appUserOnly(handler: PcHandler): PcHandler {
  return (call, ctx) =>
    call.claims.idtyp === "user"
      ? handler(call, ctx)
      : partnerCenterError(403, "2032", "Access denied: this operation supports App+User authentication only.");
}

/** A repeated MS-RequestId returns the first successful answer instead of acting twice. */
function replayed(handler: PcHandler): PcHandler {
  return (call, ctx) => {
    const requestId = call.headers["ms-requestid"];
    if (!requestId) return handler(call, ctx);
    const key = `${call.method} ${requestId}`;
    const previous = ctx.serviceRequests.replays.get(key);
    if (previous) return structuredClone(previous);
    const result = handler(call, ctx);
    if (result.status >= 200 && result.status < 300) ctx.serviceRequests.replays.set(key, structuredClone(result));
    return result;
  };
}

/**
 * A request as Partner Center answers it: the fields of the published examples (create 201, get,
 * update), camelCase, nothing of the emulator's own. Unset values are left out, as in the examples.
 */
function renderServiceRequest(request: EmulatorServiceRequest): Record<string, unknown> {
  return {
    title: request.title,
    description: request.description,
    severity: request.severity,
    supportTopicId: request.supportTopicId,
    id: request.id,
    status: request.status,
    organization: { id: request.organization.id, ...(request.organization.name === null ? {} : { name: request.organization.name }) },
    ...(request.primaryContact ? { primaryContact: { ...request.primaryContact } } : {}),
    ...(request.productName === null ? {} : { productName: request.productName }),
    createdDate: request.createdDate,
    lastModifiedDate: request.lastModifiedDate,
    lastClosedDate: request.lastClosedDate,
    notes: request.notes.map((note) => ({ ...note })),
    attributes: { objectType: "ServiceRequest" },
  };
}

/** The customer list answers a summary per request, as in its example (no description or notes). */
function renderListItem(request: EmulatorServiceRequest): Record<string, unknown> {
  const { description: _d, notes: _n, supportTopicId: _t, organization: _o, ...summary } = renderServiceRequest(request);
  return summary;
}

function collection(items: Record<string, unknown>[]): Record<string, unknown> {
  return { totalCount: items.length, items, attributes: { objectType: "Collection" } };
}

/** A body field in the docs' PascalCase or the responses' camelCase. */
const field = (body: Record<string, unknown> | undefined, name: string): unknown =>
  body === undefined ? undefined : (body[name] ?? body[name.charAt(0).toLowerCase() + name.slice(1)]);
const objectField = (body: Record<string, unknown> | undefined, name: string): Record<string, unknown> | undefined =>
  asJsonObject(field(body, name));

function contactOf(body: Record<string, unknown> | undefined): EmulatorServiceRequestContact | null {
  const contact = objectField(body, "PrimaryContact");
  if (!contact) return null;
  const parts = {
    firstName: nonBlankText(field(contact, "FirstName")),
    lastName: nonBlankText(field(contact, "LastName")),
    email: nonBlankText(field(contact, "Email")),
    phoneNumber: nonBlankText(field(contact, "PhoneNumber")),
  };
  const present = Object.fromEntries(Object.entries(parts).filter(([, value]) => value !== undefined)) as EmulatorServiceRequestContact;
  return Object.keys(present).length === 0 ? null : present;
}

// Error codes: 3000 "invalid property" (400), 1000 "not found" (404), 2032 "access denied" (403)
// are in Partner Center's error-code table; the retired create and the closed-request conflict
// have no published code, so the emulator uses 600051 and 3000.
function create(call: ApiCall, ctx: EmulatorContext): ApiResult {
  if (ctx.serviceRequestCreate === "retired") {
    return partnerCenterError(
      403,
      "600051",
      "This operation is not supported. Service requests must be created in Partner Center (partner.microsoft.com) under Support.",
    );
  }
  const body = parseJsonObject(call.body);
  if (!body) return partnerCenterError(400, "3000", "The request body must be a ServiceRequest JSON object.");
  const title = nonBlankText(field(body, "Title"));
  const description = nonBlankText(field(body, "Description"));
  const topic = field(body, "SupportTopicId");
  const topicId = typeof topic === "number" ? String(topic) : nonBlankText(topic);
  const severity = String(field(body, "Severity") ?? "").toLowerCase();
  if (!title || !description || !topicId) {
    return partnerCenterError(400, "3000", "Title, Description and SupportTopicId are required.");
  }
  if (!(SEVERITIES as readonly string[]).includes(severity)) {
    return partnerCenterError(400, "3000", "Severity must be minimal, moderate or critical.");
  }
  const organization = objectField(body, "Organization");
  const customerId = nonBlankText(field(organization, "Id"));
  const organizationName = nonBlankText(field(organization, "Name")) ?? null;
  if (customerId !== undefined && !ctx.world.findTenant(customerId)) {
    return partnerCenterError(404, "1000", `Customer ${customerId} was not found for this partner.`);
  }
  const now = new Date().toISOString();
  const request: EmulatorServiceRequest = {
    id: String(ctx.serviceRequests.nextNumber++),
    title,
    description,
    severity,
    supportTopicId: topicId,
    status: "open",
    organization: { id: (customerId ?? ctx.world.seed.partner.tenantId).toLowerCase(), name: organizationName },
    primaryContact: contactOf(body),
    productName: nonBlankText(field(body, "ProductName")) ?? null,
    createdDate: now,
    lastModifiedDate: now,
    lastClosedDate: UNSET_DATE,
    notes: [],
    createdWithRequestId: call.headers["ms-requestid"] ?? null,
    createdBy: call.claims.oid,
  };
  ctx.serviceRequests.items.push(request);
  if (ctx.serviceRequestCreate === "accept-then-hang") return { status: 0, hang: true };
  return { status: 201, body: renderServiceRequest(request) };
}

function find(call: ApiCall, ctx: EmulatorContext): EmulatorServiceRequest | ApiResult {
  const id = call.params["id"] ?? "";
  const request = ctx.serviceRequests.items.find((item) => item.id === id);
  return request ?? partnerCenterError(404, "1000", `Service request ${id} was not found.`);
}

function getOne(call: ApiCall, ctx: EmulatorContext): ApiResult {
  const request = find(call, ctx);
  return isRequest(request) ? { status: 200, body: renderServiceRequest(request) } : request;
}

/**
 * PATCH with `NewNote` (the partner's note), signed with the caller's display name as Partner
 * Center does. A partner note hands a request needing attention back to Microsoft.
 */
function patch(call: ApiCall, ctx: EmulatorContext): ApiResult {
  const found = find(call, ctx);
  if (!isRequest(found)) return found;
  const body = parseJsonObject(call.body);
  const note = nonBlankText(field(objectField(body, "NewNote"), "Text"));
  if (!note) return partnerCenterError(400, "3000", "NewNote.Text is required.");
  if (found.status === "closed") return partnerCenterError(409, "3000", `Service request ${found.id} is closed.`);
  const now = new Date().toISOString();
  found.notes.push({ createdByName: call.claims.name ?? "Partner agent", createdDate: now, text: note });
  if (found.status === "attention_needed") found.status = "open";
  found.lastModifiedDate = now;
  return { status: 200, body: renderServiceRequest(found) };
}

function listAll(_call: ApiCall, ctx: EmulatorContext): ApiResult {
  return { status: 200, body: collection(ctx.serviceRequests.items.map(renderListItem)) };
}

function listForCustomer(call: ApiCall, ctx: EmulatorContext): ApiResult {
  const id = (call.params["customerId"] ?? "").toLowerCase();
  if (!ctx.world.findTenant(id)) return partnerCenterError(404, "1000", `Customer ${id} was not found for this partner.`);
  const items = ctx.serviceRequests.items.filter((item) => item.organization.id.toLowerCase() === id);
  return { status: 200, body: collection(items.map(renderListItem)) };
}

const isRequest = (value: EmulatorServiceRequest | ApiResult): value is EmulatorServiceRequest => "id" in value && "notes" in value;

const statusSchema = z
  .object({
    status: z.enum(["open", "attention_needed", "closed"]),
    note: z.string().min(1).max(4000).optional(),
    /** The engineer's display name on the note (default MICROSOFT_ENGINEER_NAME). */
    authorName: z.string().min(1).max(200).optional(),
  })
  .strict();
const portalSchema = z
  .object({
    customerId: z.string().min(1),
    title: z.string().min(1).max(500),
    description: z.string().min(1).max(20_000),
    severity: z.enum(SEVERITIES).default("moderate"),
    supportTopicId: z.string().min(1).optional(),
  })
  .strict();
// "accept-then-hang": the create is applied but never answered (a gateway dying right after the upstream create).
const createModeSchema = z.object({ mode: z.enum(["accept", "retired", "accept-then-hang"]) }).strict();

/** Control API for service requests: what a Microsoft engineer would do, and the create switch. */
export const SERVICE_REQUEST_CONTROL_ROUTES: readonly Route<ControlHandler>[] = [
  defineRoute<ControlHandler>("GET", "/_emulator/service-requests", (_call, ctx) => ({
    status: 200,
    body: { createMode: ctx.serviceRequestCreate, serviceRequests: structuredClone(ctx.serviceRequests.items) },
  })),
  defineRoute("POST", "/_emulator/service-requests/create-mode", withControlBody(createModeSchema, (body, _call, ctx) => {
    ctx.serviceRequestCreate = body.mode;
    return { status: 200, body: { createMode: ctx.serviceRequestCreate } };
  })),
  // What an agent does in the Partner Center portal when the API is retired: files by hand.
  defineRoute("POST", "/_emulator/service-requests/portal", withControlBody(portalSchema, (body, _call, ctx) => {
    if (!ctx.world.findTenant(body.customerId)) return controlError(404, `Unknown tenant '${body.customerId}'.`);
    const now = new Date().toISOString();
    const request: EmulatorServiceRequest = {
      id: String(ctx.serviceRequests.nextNumber++),
      title: body.title,
      description: body.description,
      severity: body.severity,
      supportTopicId: body.supportTopicId ?? "0",
      status: "open",
      organization: { id: body.customerId.toLowerCase(), name: null },
      primaryContact: null,
      productName: null,
      createdDate: now,
      lastModifiedDate: now,
      lastClosedDate: UNSET_DATE,
      notes: [],
      createdWithRequestId: null,
      createdBy: "portal",
    };
    ctx.serviceRequests.items.push(request);
    return { status: 201, body: structuredClone(request) };
  })),
  defineRoute("POST", "/_emulator/service-requests/{id}/status", withControlBody(statusSchema, (body, call, ctx) => {
    const request = ctx.serviceRequests.items.find((item) => item.id === call.params["id"]);
    if (!request) return controlError(404, `No service request ${call.params["id"] ?? ""}.`);
    const now = new Date().toISOString();
    if (body.note) request.notes.push({ createdByName: body.authorName ?? MICROSOFT_ENGINEER_NAME, createdDate: now, text: body.note });
    request.status = body.status;
    request.lastModifiedDate = now;
    if (body.status === "closed") request.lastClosedDate = now;
    return { status: 200, body: structuredClone(request) };
  })),
];
