import type { ApolloServerPlugin, BaseContext } from "@apollo/server";
import type { GatewayMetrics } from "./gateway-metrics";

/** Times every GraphQL operation from request start to response, labelled by name and outcome. */
export function apolloMetricsPlugin<TContext extends BaseContext>(metrics: GatewayMetrics): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      const startedAt = process.hrtime.bigint();
      return {
        async willSendResponse(requestContext) {
          const seconds = Number(process.hrtime.bigint() - startedAt) / 1e9;
          const type = requestContext.operation?.operation ?? "unknown";
          const outcome = (requestContext.errors?.length ?? 0) > 0 ? "error" : "ok";
          metrics.observeRequest(requestContext.operationName ?? undefined, type, outcome, seconds);
        },
      };
    },
  };
}
