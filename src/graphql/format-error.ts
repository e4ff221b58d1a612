import { ApolloServerErrorCode, unwrapResolverError } from "@apollo/server/errors";
import type { GraphQLFormattedError } from "graphql";
import { AuthenticationError, AuthorizationError } from "type-graphql";
import { isAppError } from "../errors";
import { ErrorCode } from "../errors/error-code";

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
  const code = formatted.extensions?.code;
  if (typeof code === "string" && REQUEST_ERROR_CODES.has(code)) {
    return { ...base, extensions: { code: ErrorCode.BAD_USER_INPUT, reason: code } };
  }
  if (typeof code === "string" && KNOWN_CODES.has(code) && code !== ErrorCode.INTERNAL) {
    return { ...base, extensions: { ...formatted.extensions, code } };
  }
  options.onInternal?.(original);
  if (options.exposeInternals) {
    return { ...base, extensions: { code: ErrorCode.INTERNAL, detail: String(original) } };
  }
  return { ...base, message: "Internal error", extensions: { code: ErrorCode.INTERNAL } };
}
