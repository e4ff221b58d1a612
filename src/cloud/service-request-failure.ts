import { isAppError } from "../errors";
import { isTransientError } from "./is-transient-error";

/**
 * What a ServiceRequestDesk failure means for whoever calls it (the outbox worker), read from
 * the port's documented contract (see ports.ts): the desk's callers need no adapter module.
 */
export type DeskFailure =
  /** The agent's sign-in expired (FORBIDDEN, `details.reason = "ASSERTION_EXPIRED"`): they must sign in again. */
  | { kind: "assertion-expired" }
  /** Worth trying again later (UPSTREAM_UNAVAILABLE / RATE_LIMITED, timeouts, network errors), after `retryAfterSeconds` when Microsoft said. */
  | { kind: "transient"; retryAfterSeconds?: number }
  /** A definite answer (403, 404, a refused draft, or a failure marked `permanent`): trying again cannot help. */
  | { kind: "permanent" };

export const ASSERTION_EXPIRED = "ASSERTION_EXPIRED";

export const isAssertionExpired = (error: unknown): boolean => isAppError(error) && error.details["reason"] === ASSERTION_EXPIRED;

export function classifyDeskFailure(error: unknown): DeskFailure {
  if (isAssertionExpired(error)) return { kind: "assertion-expired" };
  if (isAppError(error) && error.details["permanent"] === true) return { kind: "permanent" };
  if (!isTransientError(error)) return { kind: "permanent" };
  const retryAfterSeconds = isAppError(error) ? (error.details["retryAfterSeconds"] as number | undefined) : undefined;
  return retryAfterSeconds === undefined ? { kind: "transient" } : { kind: "transient", retryAfterSeconds };
}
