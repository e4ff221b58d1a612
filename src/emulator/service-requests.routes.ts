import { z } from "zod";
import { partnerCenterError, type ApiResult } from "./api-errors";
import type { ControlCall, ControlHooks } from "./control.routes";
import type { ApiCall, EmulatorContext } from "./emulator-context";
import { controlError, isControlResult, parseControlBody } from "./control-body";
import { defineRoute, type Route } from "./http-kit";

/** Partner Center's service request statuses and severities (lower case, as the API sends them). */
export type EmulatorServiceRequestStatus = "none" | "open" | "closed" | "attention_needed";
const SEVERITIES = ["minimal", "moderate", "critical"] as const;

export interface EmulatorServiceRequestNote {
  Text: string;
  CreatedByName: string;
  /** Emulator extra: who wrote it, so tests and the sync can tell Microsoft's notes apart. */
  CreatedBy: "partner" | "microsoft";
  CreatedDate: string;
}

/** One filed request, in Partner Center's ServiceRequest shape plus what the control API shows. */
export interface EmulatorServiceRequest {
  Id: string;
  Title: string;
  Description: string;
  Severity: string;
  SupportTopicId: string;
  Status: EmulatorServiceRequestStatus;
  Organization: { Id: string; Name: string | null };
  PrimaryContact: { Name: string; Email: string | null } | null;
  ProductName: string | null;
  CreatedDate: string;
  LastUpdatedDate: string;
  LastClosedDate: string | null;
  Notes: EmulatorServiceRequestNote[];
  /** Control API only: the MS-RequestId the request was created with. */
  createdWithRequestId: string | null;
  /** Control API only: who created it (the user's object id from the App+User token). */
  createdBy: string;
}

/** Service requests held by the emulator, with the MS-RequestId replay cache for creates and notes. */
export interface EmulatorServiceRequests {
  items: EmulatorServiceRequest[];
  nextNumber: number;
  /** MS-RequestId -> the first successful answer (a repeat returns it again). */
  replays: Map<string, ApiResult>;
}

const FIRST_SERVICE_REQUEST_NUMBER = 2_501_000_001;

export function createServiceRequestState(): EmulatorServiceRequests {
  return { items: [], nextNumber: FIRST_SERVICE_REQUEST_NUMBER, replays: new Map() };
}

type PcHandler = (call: ApiCall, ctx: EmulatorContext) => ApiResult;

/** Partner Center service request routes (App+User tokens only). Registered after the other /v1 routes. */
export const SERVICE_REQUEST_ROUTES: readonly Route<PcHandler>[] = [
  defineRoute<PcHandler>("GET", "/v1/servicerequests", appUserOnly(listAll)),
  defineRoute<PcHandler>("GET", "/v1/customers/{customerId}/servicerequests", appUserOnly(listForCustomer)),
  defineRoute<PcHandler>("GET", "/v1/servicerequests/{id}", appUserOnly(getOne)),
  defineRoute<PcHandler>("PATCH", "/v1/servicerequests/{id}", appUserOnly(replayed(patch))),
  defineRoute<PcHandler>("POST", "/v1/servicerequests/{agentLocale}", appUserOnly(replayed(create))),
];

/** Service request calls are App+User only: an app-only token gets 403, as in Partner Center. */
function appUserOnly(handler: PcHandler): PcHandler {
  return (call, ctx) =>
    call.claims.idtyp === "user"
      ? handler(call, ctx)
      : partnerCenterError(403, "2031", "This operation supports App+User authentication only; app-only tokens are not accepted.");
}

/** A repeated MS-RequestId returns the first successful answer instead of acting twice. */
function replayed(handler: PcHandler): PcHandler {
  return (call, ctx) => {
    const requestId = call.headers["ms-requestid"];
    const key = requestId ? `${call.method} ${requestId}` : undefined;
    const previous = key === undefined ? undefined : ctx.serviceRequests.replays.get(key);
    if (previous) return structuredClone(previous);
    const result = handler(call, ctx);
    if (key !== undefined && result.status >= 200 && result.status < 300) ctx.serviceRequests.replays.set(key, structuredClone(result));
    return result;
  };
}

function render(request: EmulatorServiceRequest): Record<string, unknown> {
  const { createdWithRequestId: _r, createdBy: _c, ...rest } = request;
  return {
    ...structuredClone(rest),
    links: { self: { uri: `/servicerequests/${request.Id}`, method: "GET", headers: [] } },
    attributes: { objectType: "ServiceRequest" },
  };
}

function collection(selfUri: string, items: EmulatorServiceRequest[]): Record<string, unknown> {
  return {
    totalCount: items.length,
    items: items.map(render),
    links: { self: { uri: selfUri, method: "GET", headers: [] } },
    attributes: { objectType: "Collection" },
  };
}

function parseJson(body: string | undefined): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(body ?? "");
    return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

const text = (value: unknown): string | undefined => (typeof value === "string" && value.trim() !== "" ? value : undefined);

function create(call: ApiCall, ctx: EmulatorContext): ApiResult {
  if (ctx.serviceRequestCreate === "retired") {
    return partnerCenterError(
      403,
      "600051",
      "This operation is not supported. Service requests must be created in Partner Center (partner.microsoft.com) under Support.",
    );
  }
  const body = parseJson(call.body);
  if (!body) return partnerCenterError(400, "400056", "The request body must be a ServiceRequest JSON object.");
  const title = text(body["Title"]);
  const description = text(body["Description"]);
  const topic = text(body["SupportTopicId"]);
  const severity = String(body["Severity"] ?? "").toLowerCase();
  if (!title || !description || !topic) {
    return partnerCenterError(400, "400056", "Title, Description and SupportTopicId are required.");
  }
  if (!(SEVERITIES as readonly string[]).includes(severity)) {
    return partnerCenterError(400, "400056", "Severity must be minimal, moderate or critical.");
  }
  const organization = (body["Organization"] ?? {}) as { Id?: unknown; Name?: unknown };
  const customerId = text(organization.Id);
  if (customerId !== undefined && !ctx.world.findTenant(customerId)) {
    return partnerCenterError(404, "1000", `Customer ${customerId} was not found for this partner.`);
  }
  const contact = (body["PrimaryContact"] ?? null) as { Name?: unknown; Email?: unknown } | null;
  const now = new Date().toISOString();
  const request: EmulatorServiceRequest = {
    Id: String(ctx.serviceRequests.nextNumber++),
    Title: title,
    Description: description,
    Severity: severity,
    SupportTopicId: topic,
    Status: "open",
    Organization: { Id: customerId ?? ctx.world.seed.partner.tenantId, Name: text(organization.Name) ?? null },
    PrimaryContact: contact && text(contact.Name) ? { Name: String(contact.Name), Email: text(contact.Email) ?? null } : null,
    ProductName: text(body["ProductName"]) ?? null,
    CreatedDate: now,
    LastUpdatedDate: now,
    LastClosedDate: null,
    Notes: [],
    createdWithRequestId: call.headers["ms-requestid"] ?? null,
    createdBy: call.claims.oid,
  };
  ctx.serviceRequests.items.push(request);
  if (ctx.serviceRequestCreate === "accept-then-hang") return { status: 0, hang: true };
  return { status: 201, body: render(request) };
}

function find(call: ApiCall, ctx: EmulatorContext): EmulatorServiceRequest | ApiResult {
  const id = call.params["id"] ?? "";
  const request = ctx.serviceRequests.items.find((item) => item.Id === id);
  return request ?? partnerCenterError(404, "20005", `Service request ${id} was not found.`);
}

function getOne(call: ApiCall, ctx: EmulatorContext): ApiResult {
  const request = find(call, ctx);
  return isRequest(request) ? { status: 200, body: render(request) } : request;
}

/** PATCH with `NewNote` (the partner's note). A partner note hands a request needing attention back to Microsoft. */
function patch(call: ApiCall, ctx: EmulatorContext): ApiResult {
  const found = find(call, ctx);
  if (!isRequest(found)) return found;
  const body = parseJson(call.body);
  const note = body ? text((body["NewNote"] as { Text?: unknown } | undefined)?.Text) : undefined;
  if (!note) return partnerCenterError(400, "400056", "NewNote.Text is required.");
  if (found.Status === "closed") return partnerCenterError(409, "20006", `Service request ${found.Id} is closed.`);
  const now = new Date().toISOString();
  found.Notes.push({ Text: note, CreatedByName: call.claims.name ?? "Partner agent", CreatedBy: "partner", CreatedDate: now });
  if (found.Status === "attention_needed") found.Status = "open";
  found.LastUpdatedDate = now;
  return { status: 200, body: render(found) };
}

function listAll(_call: ApiCall, ctx: EmulatorContext): ApiResult {
  return { status: 200, body: collection("/servicerequests", ctx.serviceRequests.items) };
}

function listForCustomer(call: ApiCall, ctx: EmulatorContext): ApiResult {
  const id = (call.params["customerId"] ?? "").toLowerCase();
  if (!ctx.world.findTenant(id)) return partnerCenterError(404, "1000", `Customer ${id} was not found for this partner.`);
  const items = ctx.serviceRequests.items.filter((item) => item.Organization.Id.toLowerCase() === id);
  return { status: 200, body: collection(`/customers/${id}/servicerequests`, items) };
}

const isRequest = (value: EmulatorServiceRequest | ApiResult): value is EmulatorServiceRequest => "Id" in value;

type ControlHandler = (call: ControlCall, ctx: EmulatorContext, hooks: ControlHooks) => ApiResult;


const statusSchema = z
  .object({
    status: z.enum(["open", "attention_needed", "closed"]),
    note: z.string().min(1).max(4000).optional(),
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
  defineRoute<ControlHandler>("POST", "/_emulator/service-requests/create-mode", (call, ctx) => {
    const body = parseControlBody(call.body, createModeSchema);
    if (isControlResult(body)) return body;
    ctx.serviceRequestCreate = body.mode;
    return { status: 200, body: { createMode: ctx.serviceRequestCreate } };
  }),
  // What an agent does in the Partner Center portal when the API is retired: files by hand.
  defineRoute<ControlHandler>("POST", "/_emulator/service-requests/portal", (call, ctx) => {
    const body = parseControlBody(call.body, portalSchema);
    if (isControlResult(body)) return body;
    if (!ctx.world.findTenant(body.customerId)) return controlError(404, `Unknown tenant '${body.customerId}'.`);
    const now = new Date().toISOString();
    const request: EmulatorServiceRequest = {
      Id: String(ctx.serviceRequests.nextNumber++),
      Title: body.title,
      Description: body.description,
      Severity: body.severity,
      SupportTopicId: body.supportTopicId ?? "0",
      Status: "open",
      Organization: { Id: body.customerId, Name: null },
      PrimaryContact: null,
      ProductName: null,
      CreatedDate: now,
      LastUpdatedDate: now,
      LastClosedDate: null,
      Notes: [],
      createdWithRequestId: null,
      createdBy: "portal",
    };
    ctx.serviceRequests.items.push(request);
    return { status: 201, body: structuredClone(request) };
  }),
  defineRoute<ControlHandler>("POST", "/_emulator/service-requests/{id}/status", (call, ctx) => {
    const body = parseControlBody(call.body, statusSchema);
    if (isControlResult(body)) return body;
    const request = ctx.serviceRequests.items.find((item) => item.Id === call.params["id"]);
    if (!request) return controlError(404, `No service request ${call.params["id"] ?? ""}.`);
    const now = new Date().toISOString();
    if (body.note) request.Notes.push({ Text: body.note, CreatedByName: "Microsoft Support Engineer", CreatedBy: "microsoft", CreatedDate: now });
    request.Status = body.status;
    request.LastUpdatedDate = now;
    if (body.status === "closed") request.LastClosedDate = now;
    return { status: 200, body: structuredClone(request) };
  }),
];
