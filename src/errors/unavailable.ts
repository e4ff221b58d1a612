/**
 * Classifies an unknown error thrown by the database or Redis clients: does it mean "this
 * dependency is unavailable right now" (down, full, read-only, unreachable), as opposed to a bug?
 * Pure: it reads codes and messages only. The GraphQL error formatter answers such errors with
 * SERVICE_UNAVAILABLE instead of INTERNAL; a failed statement has rolled its transaction back.
 */

/** better-sqlite3 `SqliteError.code` values (extended codes start with these) that mean the file cannot be written or read now. */
const SQLITE_UNAVAILABLE_PREFIXES = ["SQLITE_FULL", "SQLITE_IOERR", "SQLITE_READONLY", "SQLITE_CANTOPEN", "SQLITE_BUSY", "SQLITE_LOCKED", "SQLITE_NOMEM", "SQLITE_PROTOCOL"];

/**
 * PostgreSQL SQLSTATEs: class 08 (connection exception), 53 (insufficient resources: 53100 disk
 * full, 53200 out of memory, 53300 too many connections), 57P01-57P05 (admin/crash shutdown,
 * cannot connect now, idle session timeout), 58030 (I/O error), 25006 (read-only transaction: a
 * standby), 40P01 is a deadlock (retryable but not "unavailable", so not listed).
 */
const POSTGRES_UNAVAILABLE = (code: string): boolean =>
  /^08[0-9A-Z]{3}$/.test(code) || /^53[0-9A-Z]{3}$/.test(code) || /^57P0[1-5]$/.test(code) || code === "58030" || code === "25006";

/** Node's system error codes for a peer that cannot be reached or a disk that cannot be written. */
const SYSTEM_UNAVAILABLE = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "EHOSTUNREACH", "ENETUNREACH", "ENOTFOUND", "EAI_AGAIN", "ENOSPC", "EROFS", "EIO", "EDQUOT"]);

/** Messages of client errors that carry no code (pg pool, TypeORM, ioredis, better-sqlite3 after close). */
const UNAVAILABLE_MESSAGES = [
  /^Connection terminated/i, // pg: "Connection terminated unexpectedly" / "... due to connection timeout"
  /timeout exceeded when trying to connect/i, // pg-pool
  /Client has encountered a connection error and is not queryable/i, // pg
  /Cannot use a pool after calling end on the pool/i, // pg-pool during shutdown
  /^Connection is closed\.?$/i, // ioredis
  /Stream isn't writeable and enableOfflineQueue options is false/i, // ioredis
  /Reached the max retries per request limit/i, // ioredis MaxRetriesPerRequestError
  /The database connection is not open/i, // better-sqlite3 after close()
  /^Driver not Connected$/i, // TypeORM
  /Cannot execute operation on ".*" connection because connection is not yet established/i, // TypeORM
];

/** True when `error` (or anything in its cause / driverError chain) says a dependency is unavailable. */
export function isUnavailableError(error: unknown): boolean {
  const seen = new Set<unknown>();
  for (let current = error, hops = 0; current !== null && current !== undefined && hops < 8 && !seen.has(current); hops++) {
    seen.add(current);
    if (typeof current !== "object") return false;
    const { code, message } = current as { code?: unknown; message?: unknown };
    if (typeof code === "string" && codeMeansUnavailable(code)) return true;
    if (typeof message === "string" && UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(message))) return true;
    // AggregateError (a dual-stack connect refused on both addresses): unavailable if every part is.
    const parts = (current as { errors?: unknown }).errors;
    if (Array.isArray(parts) && parts.length > 0 && parts.every((part) => isUnavailableError(part))) return true;
    // TypeORM's QueryFailedError keeps the driver's error in `driverError`; others use `cause`.
    const next = current as { driverError?: unknown; cause?: unknown; originalError?: unknown };
    current = next.driverError ?? next.cause ?? next.originalError;
  }
  return false;
}

function codeMeansUnavailable(code: string): boolean {
  if (code.startsWith("SQLITE_")) return SQLITE_UNAVAILABLE_PREFIXES.some((prefix) => code === prefix || code.startsWith(`${prefix}_`));
  return SYSTEM_UNAVAILABLE.has(code) || POSTGRES_UNAVAILABLE(code);
}
