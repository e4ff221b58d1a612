import type { ApolloServerPlugin, BaseContext } from "@apollo/server";
import { ApolloServerPluginCacheControlDisabled } from "@apollo/server/plugin/disabled";

/**
 * Every GraphQL response is `Cache-Control: no-store` (agent- and tenant-specific data), the
 * header Apollo's default cache-control plugin sent for our schema, which carries no cache
 * hints. That plugin also hooks `willResolveField`, which makes Apollo wrap and instrument every
 * field resolver of every request (about a sixth of a warm dashboard's CPU); this pair keeps
 * the header without the per-field cost.
 */
export function noStorePlugins<TContext extends BaseContext>(): ApolloServerPlugin<TContext>[] {
  return [
    ApolloServerPluginCacheControlDisabled(),
    {
      async requestDidStart() {
        return {
          async willSendResponse({ response }) {
            if (!response.http.headers.has("cache-control")) response.http.headers.set("cache-control", "no-store");
          },
        };
      },
    },
  ];
}
