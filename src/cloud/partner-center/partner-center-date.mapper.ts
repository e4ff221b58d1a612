import { parseUpstreamDate } from "../upstream-date.mapper";

/**
 * A Partner Center date, or null when missing, unreadable or unset (`0001-01-01T00:00:00`).
 * Partner Center writes some dates without an offset (a note's `createdDate` is
 * `"2017-01-09T23:31:15.373"`): they are UTC, while `new Date()` would read them as local time.
 * Whitespace is dropped: the published subscription example writes `"2016-12-12T08: 00: 00Z"`.
 */
export function parsePartnerCenterDate(value: unknown): Date | null {
  if (typeof value !== "string") return null;
  const compact = value.replace(/\s+/g, "");
  const hasOffset = /(Z|[+-]\d{2}:?\d{2})$/i.test(compact);
  return parseUpstreamDate(/T\d/.test(compact) && !hasOffset ? `${compact}Z` : compact);
}
