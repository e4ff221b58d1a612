import { AppError, ErrorCode, isAppError, messageOf } from "../../errors";
import { toAppError, type UpstreamFailure } from "../upstream-error.mapper";
import { ASSERTION_EXPIRED } from "../service-request-failure";

/** Entra ID answers AADSTS500133 when an on-behalf-of assertion is outside its exp/nbf window. */
const EXPIRED_ASSERTION = /AADSTS500133|not within its valid time range/i;

/**
 * OAuth error codes (RFC 6749 section 5.2, Entra ID's token endpoint) that say "this app, tenant or
 * grant is not allowed": no retry helps, so they surface as FORBIDDEN like a 401/403 would.
 */
const REFUSALS = /^(invalid_client|unauthorized_client|invalid_grant|invalid_request|invalid_scope|unsupported_grant_type|consent_required|interaction_required|invalid_resource)\b/;
/** Entra ID's "try later" answers. */
const UNAVAILABLE = /^(temporarily_unavailable|server_error)\b/;
/** AADSTS50196 (request loop) and AADSTS90055/90056 (throttled) are Entra ID's throttling answers. */
const THROTTLED = /AADSTS(50196|90055|90056)\b/;

/** The agent's sign-in expired: the filing needs a fresh sign-in, never a silent retry loop. */
export function assertionExpired(): AppError {
  return new AppError(
    ErrorCode.FORBIDDEN,
    "The escalating agent's sign-in expired before Microsoft could be called on their behalf; sign in again and retry the escalation",
    { reason: ASSERTION_EXPIRED },
  );
}

/**
 * What an @azure/identity failure means for the caller. The credentials wrap MSAL's errors into
 * `AuthenticationRequiredError` / `CredentialUnavailableError` keeping only the message, which
 * starts with the OAuth `error` code and carries the AADSTS number; `AuthenticationError` has the
 * HTTP status. A token endpoint's 400 means "no access to that tenant or grant" (treated as 401).
 */
export function identityFailure(error: unknown): UpstreamFailure | "assertion-expired" {
  const message = messageOf(error);
  if (EXPIRED_ASSERTION.test(message)) return "assertion-expired";
  if (THROTTLED.test(message)) return { kind: "status", status: 429 };
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  if (typeof status === "number" && status > 0) return { kind: "status", status: status === 400 ? 401 : status };
  if (UNAVAILABLE.test(message)) return { kind: "status", status: 503 };
  if (REFUSALS.test(message)) return { kind: "status", status: 401 };
  if (/ETIMEDOUT|timed? ?out|did not answer within/i.test(message) || (error instanceof Error && error.name === "TimeoutError")) return { kind: "timeout" };
  return { kind: "network" };
}

/** Maps a credential failure to the API's error codes (AppErrors pass through unchanged). */
export function toIdentityAppError(error: unknown, operation: string): AppError {
  if (isAppError(error)) return error;
  const failure = identityFailure(error);
  if (failure === "assertion-expired") return assertionExpired();
  return toAppError({ upstream: "Microsoft identity platform", operation }, failure, error);
}
