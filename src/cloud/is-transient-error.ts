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

/**
 * The one set of statuses every upstream retries (Graph, Partner Center, Azure Resource Manager):
 * - 429: Graph and Partner Center throttle with 429 + Retry-After (Graph "throttling" guidance;
 *   Partner Center "API throttling guidance"); ARM likewise.
 * - 503 / 504: what the Graph SDK's RetryHandler retries besides 429, and what Partner Center and
 *   ARM answer under load.
 * - 408, 500, 502: the Partner Center SDK retries every failure except 400/401/403/404/409/417/429
 *   (429 after Retry-After), and the Azure SDK pipeline retries 408 and 5xx; every read here is a GET,
 *   so a repeat is safe.
 * Not 501 / 505 (not implemented, HTTP version): they never heal on a repeat.
 */
const RETRY_STATUSES: ReadonlySet<number> = new Set([408, 429, 500, 502, 503, 504]);

/** Whether an upstream HTTP status is worth another attempt (see RETRY_STATUSES). */
export const isTransientStatus = (status: number): boolean => RETRY_STATUSES.has(status);

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
