export { AppError, isAppError, messageOf, unreachable } from "./app-error";
export { ErrorCode } from "./error-code";
export {
  badUserInput,
  forbidden,
  notFound,
  rateLimited,
  serviceUnavailable,
  upstreamUnavailable,
} from "./error-factories";
export { isUnavailableError } from "./unavailable";
