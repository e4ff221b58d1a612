import { AppError, ErrorCode } from "../errors";
import { toWholeSeconds } from "./retry-after.parser";

/** What went wrong talking to Microsoft, stripped of bodies and headers (they may hold secrets). */
export type UpstreamFailure =
  | { kind: "status"; status: number; retryAfterSeconds?: number }
  | { kind: "timeout" }
  | { kind: "network" };

/** Which upstream and operation failed, for a message a support agent can read. */
export interface UpstreamOperation {
  upstream: "Microsoft Graph" | "Partner Center" | "Microsoft identity platform";
  /** e.g. "reading service health for tenant 0f…" */
  operation: string;
}

/**
 * The one mapping from an upstream failure to the API's error codes: 401/403 -> FORBIDDEN,
 * 404 -> NOT_FOUND, 429 (after retries) -> RATE_LIMITED, 5xx / timeout / network ->
 * UPSTREAM_UNAVAILABLE, with retryAfterSeconds when the upstream said. Any other status (a 400
 * means we sent something Microsoft did not accept) is reported as UPSTREAM_UNAVAILABLE too.
 * Messages never include upstream bodies or tokens.
 */
export function toAppError({ upstream, operation }: UpstreamOperation, failure: UpstreamFailure, cause?: unknown): AppError {
  if (failure.kind === "timeout") {
    return new AppError(ErrorCode.UPSTREAM_UNAVAILABLE, `${upstream} did not answer in time while ${operation}`, {}, { cause });
  }
  if (failure.kind === "network") {
    return new AppError(ErrorCode.UPSTREAM_UNAVAILABLE, `${upstream} could not be reached while ${operation}`, {}, { cause });
  }
  const { status } = failure;
  const retryAfterSeconds = toWholeSeconds(failure.retryAfterSeconds);
  const retryDetails = retryAfterSeconds === undefined ? {} : { retryAfterSeconds };
  if (status === 401 || status === 403) {
    return new AppError(ErrorCode.FORBIDDEN, `${upstream} denied access while ${operation} (HTTP ${status})`, { upstreamStatus: status });
  }
  if (status === 404) {
    return new AppError(ErrorCode.NOT_FOUND, `${upstream} found nothing while ${operation} (HTTP 404)`, { upstreamStatus: status });
  }
  if (status === 429) {
    return new AppError(ErrorCode.RATE_LIMITED, `${upstream} is throttling requests while ${operation}`, {
      upstreamStatus: status,
      ...retryDetails,
    });
  }
  return new AppError(ErrorCode.UPSTREAM_UNAVAILABLE, `${upstream} failed while ${operation} (HTTP ${status})`, {
    upstreamStatus: status,
    ...retryDetails,
  });
}
