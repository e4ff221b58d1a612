import { ApolloServerErrorCode, unwrapResolverError } from "@apollo/server/errors";
import type { GraphQLFormattedError } from "graphql";
import { AuthenticationError, AuthorizationError } from "type-graphql";
import { isAppError, isUnavailableError } from "../errors";
import { ErrorCode } from "../errors/error-code";
import { isTokenLimitMessage, QueryLimitError } from "./query-limits";

/** Apollo's own codes that mean "the request itself is malformed" -> BAD_USER_INPUT. */
const REQUEST_ERROR_CODES: ReadonlySet<string> = new Set([
  ApolloServerErrorCode.GRAPHQL_PARSE_FAILED,
  ApolloServerErrorCode.GRAPHQL_VALIDATION_FAILED,
  ApolloServerErrorCode.BAD_USER_INPUT,
  ApolloServerErrorCode.OPERATION_RESOLUTION_FAILURE,
  ApolloServerErrorCode.BAD_REQUEST,
  ApolloServerErrorCode.PERSISTED_QUERY_NOT_FOUND,
  ApolloServerErrorCode.PERSISTED_QUERY_NOT_SUPPORTED,
]);

const KNOWN_CODES: ReadonlySet<string> = new Set(Object.values(ErrorCode));

/**
 * The one place that turns any error into what a client sees: a CONTRACT.md code in
 * `extensions.code`, the AppError details next to it, and nothing internal (no stack, SQL,
 * upstream body or token) unless `exposeInternals` is set for local debugging.
 */
export function formatGraphQLError(
  formatted: GraphQLFormattedError,
  error: unknown,
  options: { exposeInternals: boolean; onInternal?: (error: unknown) => void },
): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  const base = { message: formatted.message, locations: formatted.locations, path: formatted.path };

  if (isAppError(original)) {
    return { ...base, message: original.message, extensions: { ...original.details, code: original.code } };
  }
  if (original instanceof AuthorizationError) {
    return { ...base, message: "Your role may not do this", extensions: { code: ErrorCode.FORBIDDEN } };
  }
  if (original instanceof AuthenticationError) {
    return { ...base, extensions: { code: ErrorCode.UNAUTHENTICATED } };
  }
  const limitError = findQueryLimitError(error);
  if (limitError) {
    return { ...base, message: limitError.message, extensions: { code: ErrorCode.BAD_USER_INPUT, field: "query", limit: limitError.limit } };
  }
  const code = formatted.extensions?.code;
  if (typeof code === "string" && REQUEST_ERROR_CODES.has(code)) {
    const message = clip(formatted.message);
    if (isTokenLimitMessage(formatted.message)) {
      return { ...base, message, extensions: { code: ErrorCode.BAD_USER_INPUT, field: "query", limit: "maxTokens", reason: code } };
    }
    return { ...base, message, extensions: { code: ErrorCode.BAD_USER_INPUT, field: fieldOfRequestError(formatted.message), reason: code } };
  }
  if (typeof code === "string" && KNOWN_CODES.has(code) && code !== ErrorCode.INTERNAL) {
    // Only the contract's own detail fields travel on; anything else an error carries stays here.
    return { ...base, extensions: { ...pickDetails(formatted.extensions ?? {}), code } };
  }
  // Database down, full or read-only, Redis unreachable: the client can retry, nothing was half-written
  // (the failed statement rolled its transaction back). Logged like an internal error, answered typed.
  if (isUnavailableError(original)) {
    options.onInternal?.(original);
    return { ...base, message: UNAVAILABLE_MESSAGE, extensions: { code: ErrorCode.SERVICE_UNAVAILABLE, retryAfterSeconds: UNAVAILABLE_RETRY_AFTER_SECONDS } };
  }
  options.onInternal?.(original);
  if (options.exposeInternals) {
    return { ...base, extensions: { code: ErrorCode.INTERNAL, detail: String(original) } };
  }
  return { ...base, message: "Internal error", extensions: { code: ErrorCode.INTERNAL } };
}

/** What a client sees for an unavailable dependency: no driver text (it can name files or hosts). */
export const UNAVAILABLE_MESSAGE = "The service is temporarily unavailable (its database or message bus cannot be reached or written); retry later";
const UNAVAILABLE_RETRY_AFTER_SECONDS = 5;

/** Detail fields CONTRACT.md defines next to `code`; nothing else is passed through. */
const DETAIL_FIELDS = ["field", "state", "allowedEvents", "currentVersion", "retryAfterSeconds", "id", "reason", "limit"] as const;

function pickDetails(extensions: Record<string, unknown>): Record<string, unknown> {
  const picked: Record<string, unknown> = {};
  for (const key of DETAIL_FIELDS) if (key in extensions) picked[key] = extensions[key];
  return picked;
}

/** Apollo wraps validation errors; the limit error may sit one or two `originalError`s down. */
function findQueryLimitError(error: unknown): QueryLimitError | undefined {
  let current: unknown = error;
  for (let hops = 0; hops < 5 && current; hops++) {
    if (current instanceof QueryLimitError) return current;
    current = (current as { originalError?: unknown }).originalError;
  }
  return undefined;
}

/**
 * graphql-js echoes bad input values in its messages; a huge one must not come back whole. So a
 * long quoted value is shortened in place (the message keeps its path and reason after it), and
 * only a message still beyond this bound is cut: far above any message the gateway or Apollo
 * writes itself (Apollo's CSRF hint, with its header names, is about 450 characters).
 */
export const MAX_ERROR_MESSAGE_LENGTH = 4000;
const LONG_QUOTED_VALUE = /"((?:[^"\\]|\\.){120,})"/g;
const QUOTED_VALUE_KEPT = 100;

export function clip(message: string): string {
  const shortened = message.replace(LONG_QUOTED_VALUE, (_match, value: string) => `"${value.slice(0, QUOTED_VALUE_KEPT)}…"`);
  return shortened.length <= MAX_ERROR_MESSAGE_LENGTH ? shortened : `${shortened.slice(0, MAX_ERROR_MESSAGE_LENGTH)}…`;
}

/**
 * The input a graphql-js request error is about, for `extensions.field`: the path inside a
 * variable (`Variable "$input" got invalid value ... at "input.category"`), the variable, the
 * argument, or else "query" (a syntax or selection error in the document itself).
 */
export function fieldOfRequestError(message: string): string {
  const variable = /^Variable "\$([\w]+)"/.exec(message);
  const at = /; .* at "([\w.[\]]+)"|at "([\w.[\]]+)"[:;]/.exec(message);
  if (variable) return at?.[1] ?? at?.[2] ?? variable[1]!;
  const argName = /argument "(\w+)"/i.exec(message);
  if (argName) return argName[1]!;
  return "query";
}
