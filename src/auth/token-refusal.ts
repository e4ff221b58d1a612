import { AppError, ErrorCode } from "../errors";

/**
 * Why an Entra access token was refused. Always an UNAUTHENTICATED AppError; the reason is a
 * stable code in `details.reason` (for logs and tests), the message says it in words.
 */
export const TokenRefusalReason = {
  MALFORMED: "MALFORMED",
  UNSUPPORTED_VERSION: "UNSUPPORTED_VERSION",
  BAD_SIGNATURE: "BAD_SIGNATURE",
  UNKNOWN_KEY: "UNKNOWN_KEY",
  KEYS_UNAVAILABLE: "KEYS_UNAVAILABLE",
  WRONG_ISSUER: "WRONG_ISSUER",
  WRONG_AUDIENCE: "WRONG_AUDIENCE",
  WRONG_TENANT: "WRONG_TENANT",
  MISSING_CLAIM: "MISSING_CLAIM",
  EXPIRED: "EXPIRED",
  NOT_YET_VALID: "NOT_YET_VALID",
  APP_ONLY: "APP_ONLY",
  NO_SUBJECT: "NO_SUBJECT",
  NO_ROLE: "NO_ROLE",
  MULTIPLE_ROLES: "MULTIPLE_ROLES",
} as const;
export type TokenRefusalReason = (typeof TokenRefusalReason)[keyof typeof TokenRefusalReason];

export const tokenRefused = (reason: TokenRefusalReason, message: string, extra: Record<string, unknown> = {}): AppError =>
  new AppError(ErrorCode.UNAUTHENTICATED, message, { reason, ...extra });

export const refusalReasonOf = (error: unknown): TokenRefusalReason | undefined =>
  error instanceof AppError && typeof error.details["reason"] === "string" ? (error.details["reason"] as TokenRefusalReason) : undefined;
