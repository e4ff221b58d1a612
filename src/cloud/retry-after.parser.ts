/**
 * Reads a `Retry-After` header: delta seconds (Graph sends fractions such as `2.128`) or an
 * HTTP date. Returns seconds to wait (>= 0), or undefined when absent or unreadable.
 */
export function parseRetryAfterSeconds(header: string | null | undefined, nowMs: number = Date.now()): number | undefined {
  if (header === null || header === undefined) return undefined;
  const trimmed = header.trim();
  if (trimmed === "") return undefined;
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed);
  // An HTTP date has a weekday and month name; Date.parse would also accept "-5".
  if (!/[a-z]{3}/i.test(trimmed)) return undefined;
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, (at - nowMs) / 1000);
}

/** Whole seconds for clients (`extensions.retryAfterSeconds`): never 0 for a positive wait. */
export const toWholeSeconds = (seconds: number | undefined): number | undefined =>
  seconds === undefined ? undefined : Math.ceil(seconds);
