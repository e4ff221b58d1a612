export { AppError, isAppError, unreachable } from "./app-error";
export { ErrorCode } from "./error-code";
export {
  badUserInput,
  forbidden,
  notFound,
  rateLimited,
  upstreamUnavailable,
} from "./error-factories";
