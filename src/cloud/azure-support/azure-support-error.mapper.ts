import { AppError, ErrorCode, isAppError } from "../../errors";
import { parseRetryAfterSeconds, toWholeSeconds } from "../retry-after.parser";

/** The Azure built-in role a partner needs on a customer's subscription to file and read support tickets. */
export const SUPPORT_REQUEST_CONTRIBUTOR = "Support Request Contributor";

const UPSTREAM = "Azure Support API";

/** The parts of @azure/core-rest-pipeline's RestError we read (checked by shape: that package is not a direct dependency). */
interface RestErrorLike {
  name: "RestError";
  statusCode?: number;
  code?: string;
  response?: { headers: { get(name: string): string | undefined } };
}

const isRestError = (error: unknown): error is RestErrorLike =>
  error instanceof Error && error.name === "RestError";

/**
 * Maps a failure of an @azure/arm-support call (a RestError, an abort on timeout, a network error)
 * to the API's error codes, like the other adapters: 401 -> FORBIDDEN, 403 AuthorizationFailed ->
 * FORBIDDEN naming the missing "Support Request Contributor" role (permanent: retrying cannot
 * help), 404 -> NOT_FOUND, 429 -> RATE_LIMITED, 5xx / timeout / network -> UPSTREAM_UNAVAILABLE.
 * Upstream bodies are never copied into messages.
 */
export function toAzureSupportError(error: unknown, operation: string, scope?: { subscriptionId?: string }): AppError {
  if (isAppError(error)) return error;
  // A RestError without a status never got an answer: it is told as unreachable, below.
  if (isRestError(error) && error.statusCode !== undefined && error.statusCode !== 0) {
    const status = error.statusCode;
    const retryAfterSeconds = toWholeSeconds(parseRetryAfterSeconds(error.response?.headers.get("retry-after")));
    const retry = retryAfterSeconds === undefined ? {} : { retryAfterSeconds };
    if (status === 403) {
      const where = scope?.subscriptionId ? ` on subscription ${scope.subscriptionId}` : "";
      return new AppError(
        ErrorCode.FORBIDDEN,
        `${UPSTREAM} denied access while ${operation}: the partner needs the Azure role "${SUPPORT_REQUEST_CONTRIBUTOR}"${where} (HTTP 403 ${error.code ?? "AuthorizationFailed"})`,
        { upstreamStatus: status, reason: "MISSING_AZURE_ROLE", role: SUPPORT_REQUEST_CONTRIBUTOR, permanent: true },
      );
    }
    if (status === 401) {
      return new AppError(ErrorCode.FORBIDDEN, `${UPSTREAM} denied access while ${operation} (HTTP 401)`, { upstreamStatus: status, permanent: true });
    }
    if (status === 404) return new AppError(ErrorCode.NOT_FOUND, `${UPSTREAM} found nothing while ${operation} (HTTP 404)`, { upstreamStatus: status });
    if (status === 429) {
      return new AppError(ErrorCode.RATE_LIMITED, `${UPSTREAM} is throttling requests while ${operation}`, { upstreamStatus: status, ...retry });
    }
    if (status >= 500 || status === 408) {
      return new AppError(ErrorCode.UPSTREAM_UNAVAILABLE, `${UPSTREAM} failed while ${operation} (HTTP ${status})`, { upstreamStatus: status, ...retry });
    }
    // A 400/409 means Azure refused what we sent: retrying the same request cannot help.
    return new AppError(ErrorCode.UPSTREAM_UNAVAILABLE, `${UPSTREAM} refused the request while ${operation} (HTTP ${status} ${error.code ?? ""})`.trim(), {
      upstreamStatus: status,
      permanent: true,
    });
  }
  if (error instanceof Error && (error.name === "AbortError" || error.name === "TimeoutError")) {
    return new AppError(ErrorCode.UPSTREAM_UNAVAILABLE, `${UPSTREAM} did not answer in time while ${operation}`, {}, { cause: error });
  }
  return new AppError(ErrorCode.UPSTREAM_UNAVAILABLE, `${UPSTREAM} could not be reached while ${operation}`, {}, { cause: error });
}
