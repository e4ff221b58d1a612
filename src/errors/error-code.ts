/**
 * The stable error codes of the API (CONTRACT.md "Errors"). Every error a client sees carries
 * exactly one of these in `extensions.code`.
 */
export const ErrorCode = {
  UNAUTHENTICATED: "UNAUTHENTICATED",
  FORBIDDEN: "FORBIDDEN",
  NOT_FOUND: "NOT_FOUND",
  BAD_USER_INPUT: "BAD_USER_INPUT",
  TRANSITION_NOT_ALLOWED: "TRANSITION_NOT_ALLOWED",
  VERSION_CONFLICT: "VERSION_CONFLICT",
  UPSTREAM_UNAVAILABLE: "UPSTREAM_UNAVAILABLE",
  RATE_LIMITED: "RATE_LIMITED",
  /** A dependency of the gateway itself (database down, full or read-only; Redis) is unavailable; retry later. */
  SERVICE_UNAVAILABLE: "SERVICE_UNAVAILABLE",
  INTERNAL: "INTERNAL",
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];
