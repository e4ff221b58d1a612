import { TICKET_EVENT_TYPES } from "../../machines";
import { badUserInput } from "../errors";
import type { AuditEventFilter } from "../tickets/ticket-store.types";
import { checkOneOf, checkPeriod, optionalId } from "../sla/filter-input";
import { instantOfWallTime, nextCivilDate } from "../sla/zoned-time";

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

/** Validates an AuditQuery into the store's filter; BAD_USER_INPUT names the field. */
export function toAuditEventFilter(query: AuditQuery | null | undefined, fieldPrefix = "filter."): AuditEventFilter {
  const types = query?.eventTypes ?? undefined;
  checkOneOf(types, TICKET_EVENT_TYPES, `${fieldPrefix}eventTypes`, (type) => `Unknown event type ${type}`);
  const from = query?.from ?? undefined;
  const to = query?.to ?? undefined;
  checkPeriod(from, to, ["from", "to"], fieldPrefix);
  const customerId = optionalId(query?.customerId, "customerId", fieldPrefix);
  const ticketId = optionalId(query?.ticketId, "ticketId", fieldPrefix);
  const actorId = optionalId(query?.actorId, "actorId", fieldPrefix);
  const filter: { -readonly [K in keyof AuditEventFilter]: AuditEventFilter[K] } = {};
  if (ticketId !== undefined) filter.ticketId = ticketId;
  if (actorId !== undefined) filter.actorId = actorId;
  if (customerId !== undefined) filter.customerIds = [customerId];
  if (types !== undefined) filter.types = [...types];
  if (from !== undefined) filter.from = from;
  if (to !== undefined) filter.to = to;
  return filter;
}

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * An export time parameter: an ISO 8601 date-time, or a date alone (`2026-12-01`), which means
 * that whole day in `timeZone` (the offering's): `from` is the day's first instant and `to`
 * (exclusive) the next day's, so `from=2026-12-01&to=2026-12-01` is all of 1 December.
 */
export function parseTimeParam(name: string, value: string, edge: "start" | "end", timeZone: string): Date {
  const day = DATE_ONLY.exec(value);
  if (day) {
    const date = { year: Number(day[1]), month: Number(day[2]), day: Number(day[3]) };
    const check = new Date(Date.UTC(date.year, date.month - 1, date.day));
    if (check.getUTCFullYear() !== date.year || check.getUTCMonth() !== date.month - 1 || check.getUTCDate() !== date.day) {
      throw badUserInput(name, `${name} is not a calendar date`);
    }
    return new Date(instantOfWallTime(edge === "start" ? date : nextCivilDate(date), 0, timeZone));
  }
  const parsed = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(value) || Number.isNaN(parsed.getTime())) {
    throw badUserInput(name, `${name} must be an ISO 8601 date-time or a date (YYYY-MM-DD, a day in ${timeZone})`);
  }
  return parsed;
}

/** One query parameter given at most once (null when absent). */
export function singleParam(params: Record<string, unknown>, name: string): string | null {
  const value = params[name];
  if (value === undefined) return null;
  if (typeof value !== "string") throw badUserInput(name, `${name} must be given once`);
  return value;
}

/** The `from` or `to` export parameter (see {@link parseTimeParam}); null when absent. */
export function timeParam(params: Record<string, unknown>, name: "from" | "to", timeZone: string): Date | null {
  const value = singleParam(params, name);
  return value === null ? null : parseTimeParam(name, value, name === "from" ? "start" : "end", timeZone);
}

/**
 * Parses export query parameters (`eventTypes` comma separated or repeated; times ISO 8601 or a
 * date alone, a day in `timeZone`: see {@link parseTimeParam}).
 */
export function auditQueryFromParams(params: Record<string, unknown>, timeZone = "UTC"): AuditQuery {
  const one = (name: string): string | null => singleParam(params, name);
  const rawTypes = params.eventTypes;
  const typeList = rawTypes === undefined ? null : (Array.isArray(rawTypes) ? rawTypes : [rawTypes]).flatMap((value) => String(value).split(",")).map((value) => value.trim()).filter(Boolean);
  return {
    ticketId: one("ticketId"),
    customerId: one("customerId"),
    actorId: one("actorId"),
    eventTypes: typeList,
    from: timeParam(params, "from", timeZone),
    to: timeParam(params, "to", timeZone),
  };
}
