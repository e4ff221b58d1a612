import type { Server } from "node:http";
import type { GraphQLFormattedError, GraphQLSchema } from "graphql";
import { useServer } from "graphql-ws/use/ws";
import { WebSocketServer } from "ws";
import type { Agent } from "../../auth/agent";
import type { GraphQLContext } from "../../graphql/context";

/**
 * GraphQL subscriptions over graphql-ws on the same path as HTTP GraphQL. The bearer token comes
 * in `connection_init` (`{ "authorization": "Bearer <token>" }`); a connection without a valid one
 * is closed with 4403 before any subscription starts.
 *
 * @returns a function that closes every socket and the WebSocket server
 */
export function attachGraphqlWs(options: {
  httpServer: Server;
  path: string;
  schema: GraphQLSchema;
  authenticate: (authorization: string | undefined) => Promise<Agent>;
  context: (agent: Agent) => GraphQLContext;
  formatError: (error: GraphQLFormattedError, original: unknown) => GraphQLFormattedError;
}): () => Promise<void> {
  const wsServer = new WebSocketServer({ server: options.httpServer, path: options.path });
  const agents = new WeakMap<object, Agent>();
  const cleanup = useServer<Record<string, unknown> | undefined>(
    {
      schema: options.schema,
      onConnect: async (ctx) => {
        const raw = ctx.connectionParams?.authorization ?? ctx.connectionParams?.Authorization;
        const authorization = typeof raw === "string" ? (/^Bearer\s/i.test(raw) ? raw : `Bearer ${raw}`) : undefined;
        try {
          agents.set(ctx.extra, await options.authenticate(authorization));
          return true;
        } catch {
          return false;
        }
      },
      context: (ctx) => options.context(agents.get(ctx.extra)!),
      onNext: (_ctx, _id, _payload, _args, result) =>
        result.errors ? { ...result, errors: result.errors.map((error) => options.formatError(error.toJSON(), error)) } : undefined,
      onError: (_ctx, _id, _payload, errors) => errors.map((error) => options.formatError(error.toJSON(), error)),
    },
    wsServer,
  );
  return async () => {
    await cleanup.dispose();
    await new Promise<void>((resolve) => wsServer.close(() => resolve()));
  };
}
