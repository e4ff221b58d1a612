import { ErrorCode, isAppError } from "../errors";

const TRANSIENT_NODE_CODES = new Set([
  "ECONNRESET",
  "ECONNREFUSED",
  "ECONNABORTED",
  "ETIMEDOUT",
  "EPIPE",
  "EAI_AGAIN",
  "ENOTFOUND",
  "UND_ERR_SOCKET",
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_HEADERS_TIMEOUT",
  "UND_ERR_BODY_TIMEOUT",
  "UND_ERR_CLOSED",
]);

/** Statuses worth retrying: 408, 429 and every 5xx (Partner Center and Graph both send 503/504 under load). */
export const isTransientStatus = (status: number): boolean => status === 408 || status === 429 || (status >= 500 && status <= 599);

/** True for a per-attempt timeout (AbortSignal.timeout rejects with a DOMException named TimeoutError). */
export const isTimeoutError = (error: unknown): boolean =>
  error instanceof Error && (error.name === "TimeoutError" || (error.name === "AbortError" && /timeout/i.test(error.message)));

/**
 * Whether an upstream failure may succeed when tried again: a transient HTTP status (on an error
 * object's `status`/`statusCode`), a timeout, a network error from fetch (`TypeError: fetch failed`
 * with a socket error code in `cause`), or an AppError that already says so.
 */
export function isTransientError(error: unknown): boolean {
  if (isAppError(error)) return error.code === ErrorCode.UPSTREAM_UNAVAILABLE || error.code === ErrorCode.RATE_LIMITED;
  if (!(error instanceof Error)) return false;
  if (isTimeoutError(error)) return true;
  const status = statusOf(error);
  if (status !== undefined && status > 0) return isTransientStatus(status);
  if (error.name === "TypeError" && /fetch failed|network/i.test(error.message)) return true;
  return hasTransientCode(error) || hasTransientCode(error.cause);
}

function statusOf(error: Error): number | undefined {
  const candidate = (error as { status?: unknown; statusCode?: unknown }).statusCode ?? (error as { status?: unknown }).status;
  return typeof candidate === "number" ? candidate : undefined;
}

function hasTransientCode(value: unknown): boolean {
  if (typeof value !== "object" || value === null) return false;
  const code = (value as { code?: unknown }).code;
  return typeof code === "string" && TRANSIENT_NODE_CODES.has(code);
}
