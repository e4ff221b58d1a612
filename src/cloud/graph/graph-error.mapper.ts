import { GraphClientError, GraphError } from "@microsoft/microsoft-graph-client";
import { isAppError, type AppError } from "../../errors";
import { isTimeoutError } from "../is-transient-error";
import { parseRetryAfterSeconds } from "../retry-after.parser";
import { toAppError } from "../upstream-error.mapper";

/**
 * Any failure out of the Graph client -> AppError. A GraphError carries the final HTTP status
 * (after the RetryHandler gave up) and headers; status -1 means no response (timeout or network).
 * Token failures arrive as a GraphClientError wrapping the credential's AppError.
 */
export function graphErrorToAppError(error: unknown, operation: string): AppError {
  if (isAppError(error)) return error;
  const context = { upstream: "Microsoft Graph", operation } as const;
  if (error instanceof GraphClientError) {
    if (isAppError(error.customError)) return error.customError;
    return toAppError(context, { kind: "network" });
  }
  if (error instanceof GraphError) {
    if (error.statusCode > 0) {
      const retryAfterSeconds = parseRetryAfterSeconds(error.headers?.get("Retry-After"));
      return toAppError(context, { kind: "status", status: error.statusCode, retryAfterSeconds });
    }
    // No response: the client wrapped the fetch error; its name survives in `code`.
    const timedOut = error.code === "TimeoutError" || error.code === "AbortError";
    return toAppError(context, { kind: timedOut ? "timeout" : "network" });
  }
  return toAppError(context, { kind: isTimeoutError(error) ? "timeout" : "network" });
}
