import type { ErrorCode } from "./error-code";

/**
 * A failure the caller can understand and act on. `details` become GraphQL
 * `extensions` next to `code` (e.g. `field`, `allowedEvents`, `currentVersion`,
 * `retryAfterSeconds`), so they must never carry secrets or upstream bodies.
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Readonly<Record<string, unknown>> = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "AppError";
  }
}

export const isAppError = (value: unknown): value is AppError => value instanceof AppError;

/** A thrown value as text: an Error's message, anything else stringified (for logs and reports). */
export const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** For exhaustive switches: the compiler proves this is never reached. */
export function unreachable(value: never): never {
  throw new Error(`Unreachable case: ${JSON.stringify(value)}`);
}
