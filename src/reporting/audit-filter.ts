import { TICKET_EVENT_TYPES } from "../../machines";
import { badUserInput } from "../errors";
import type { AuditEventFilter } from "../tickets/ticket-store.types";

/** The audit filter as the API takes it (GraphQL input and export query parameters alike). */
export interface AuditQuery {
  ticketId?: string | null;
  customerId?: string | null;
  actorId?: string | null;
  eventTypes?: readonly string[] | null;
  from?: Date | null;
  /** Exclusive. */
  to?: Date | null;
}

const ID = /^[A-Za-z0-9:._@-]{1,128}$/;

/** Validates an AuditQuery into the store's filter; BAD_USER_INPUT names the field. */
export function toAuditEventFilter(query: AuditQuery | null | undefined, fieldPrefix = "filter."): AuditEventFilter {
  const id = (name: "ticketId" | "customerId" | "actorId"): string | undefined => {
    const value = query?.[name];
    if (value == null) return undefined;
    if (!ID.test(value)) throw badUserInput(`${fieldPrefix}${name}`, `${name} is not a valid id`);
    return value;
  };
  const types = query?.eventTypes ?? undefined;
  for (const type of types ?? []) {
    if (!(TICKET_EVENT_TYPES as readonly string[]).includes(type)) throw badUserInput(`${fieldPrefix}eventTypes`, `Unknown event type ${type}`);
  }
  const from = query?.from ?? undefined;
  const to = query?.to ?? undefined;
  if (from && to && from.getTime() > to.getTime()) throw badUserInput(`${fieldPrefix}to`, "to must not be before from");
  const customerId = id("customerId");
  const filter: { -readonly [K in keyof AuditEventFilter]: AuditEventFilter[K] } = {};
  const ticketId = id("ticketId");
  const actorId = id("actorId");
  if (ticketId !== undefined) filter.ticketId = ticketId;
  if (actorId !== undefined) filter.actorId = actorId;
  if (customerId !== undefined) filter.customerIds = [customerId];
  if (types !== undefined) filter.types = [...types];
  if (from !== undefined) filter.from = from;
  if (to !== undefined) filter.to = to;
  return filter;
}

/** Parses export query parameters (`eventTypes` comma separated or repeated; times ISO 8601). */
export function auditQueryFromParams(params: Record<string, unknown>): AuditQuery {
  const one = (name: string): string | null => {
    const value = params[name];
    if (value === undefined) return null;
    if (typeof value !== "string") throw badUserInput(name, `${name} must be given once`);
    return value;
  };
  const time = (name: string): Date | null => {
    const value = one(name);
    if (value === null) return null;
    const date = new Date(value);
    if (!/^\d{4}-\d{2}-\d{2}T/.test(value) || Number.isNaN(date.getTime())) throw badUserInput(name, `${name} must be an ISO 8601 date-time`);
    return date;
  };
  const rawTypes = params.eventTypes;
  const typeList = rawTypes === undefined ? null : (Array.isArray(rawTypes) ? rawTypes : [rawTypes]).flatMap((value) => String(value).split(",")).map((value) => value.trim()).filter(Boolean);
  return { ticketId: one("ticketId"), customerId: one("customerId"), actorId: one("actorId"), eventTypes: typeList, from: time("from"), to: time("to") };
}
