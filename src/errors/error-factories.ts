import { AppError } from "./app-error";
import { ErrorCode } from "./error-code";

export const badUserInput = (field: string, message: string): AppError =>
  new AppError(ErrorCode.BAD_USER_INPUT, message, { field });

/** `details` name what was refused, e.g. `{ customerId }` for a tenant without delegated access. */
export const forbidden = (message: string, details: Readonly<Record<string, unknown>> = {}): AppError =>
  new AppError(ErrorCode.FORBIDDEN, message, details);

export const notFound = (what: string, id: string): AppError =>
  new AppError(ErrorCode.NOT_FOUND, `${what} ${id} was not found`, { id });

export const upstreamUnavailable = (
  message: string,
  retryAfterSeconds?: number,
  cause?: unknown,
): AppError =>
  new AppError(
    ErrorCode.UPSTREAM_UNAVAILABLE,
    message,
    retryAfterSeconds === undefined ? {} : { retryAfterSeconds },
    { cause },
  );

export const rateLimited = (message: string, retryAfterSeconds?: number): AppError =>
  new AppError(ErrorCode.RATE_LIMITED, message, retryAfterSeconds === undefined ? {} : { retryAfterSeconds });

/** The gateway's own dependency (database, Redis) is unavailable: nothing was half-written, retry later. */
export const serviceUnavailable = (message: string, retryAfterSeconds?: number, cause?: unknown): AppError =>
  new AppError(ErrorCode.SERVICE_UNAVAILABLE, message, retryAfterSeconds === undefined ? {} : { retryAfterSeconds }, { cause });
