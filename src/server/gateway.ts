import { responseCachePlugin, type ResponseCache } from "./response-cache";
import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import { expressMiddleware } from "@as-integrations/express5";
import cors from "cors";
import express from "express";
import { GraphQLError, type GraphQLFormattedError, type GraphQLSchema } from "graphql";
import { decodeJwt } from "jose";
import type { Logger } from "pino";
import type { Agent } from "../auth/agent";
import { bearerTokenOf, type BearerTokenVerifier } from "../auth/bearer-token-verifier";
import type { MicrosoftCloud } from "../cloud/ports";
import type { AdminPortalHosts } from "../customers/admin-portal-links";
import { CustomerReads } from "../customers/customer-reads";
import { UpstreamDeadline } from "../cloud/upstream-deadline";
import { isAppError } from "../errors";
import { ErrorCode } from "../errors/error-code";
import type { GraphQLContext, RequestServices } from "../graphql/context";
import { formatGraphQLError } from "../graphql/format-error";
import { noStorePlugins } from "../graphql/cache-control.plugin";
import { partialErrorsPlugin } from "../graphql/partial-errors.plugin";
import { bearerChallenge } from "../auth/www-authenticate";
import { createQueryLimits } from "../graphql/query-limits";
import { readinessStatus, runReadinessChecks, type ReadinessCheck } from "./readiness";
import { currentRequestId, logUpstreamCorrelation, noteAgent, requestIdFrom, requestLogMiddleware } from "./request-log";
import { auditExportRouter } from "../reporting/audit-export.routes";
import { attachGraphqlWs, type LiveSocketLimits } from "./graphql-ws.server";
import { LiveAccessCheck } from "../reporting/live/live-access";
import { apolloMetricsPlugin } from "../metrics/apollo-metrics.plugin";
import { consoleRouter, type ConsoleRoutesOptions } from "./console.routes";
import { settleWithin } from "./shutdown-stack";
import type { GatewayMetrics } from "../metrics/gateway-metrics";

export interface GatewayOptions {
  schema: GraphQLSchema;
  host: string;
  port: number;
  /** Sandbox: introspection on, internals in INTERNAL errors off all the same. */
  sandbox: boolean;
  corsOrigins: string[];
  log: Logger;
  verifier: BearerTokenVerifier;
  /** Called with every authenticated agent (the agent directory learns assignable agents). */
  onAuthenticated?: (agent: Agent) => void;
  cloud: MicrosoftCloud;
  portalHosts: AdminPortalHosts;
  services: RequestServices;
  readinessChecks: ReadinessCheck[];
  /** Prometheus metrics: served at `GET /metrics`, operation durations recorded by an Apollo plugin. */
  metrics?: GatewayMetrics;
  /** The server-side response cache (RESPONSE_CACHE), answered before execution; none = every query executes. */
  responseCache?: ResponseCache;
  /** graphql-ws: frame, subscription and socket caps, and how old the access data of a live subscription may be. */
  liveSockets?: Partial<LiveSocketLimits> & {
    /** LIVE_ACCESS_TTL_MS (default 60 s). */
    accessTtlMs?: number;
    /** Drops the read cache's copy of the GDAP relationships, so a live re-check reaches upstream. */
    forgetCachedAccess?: () => void;
  };
  /**
   * On close: how long in-flight HTTP requests may finish (then their sockets are destroyed), and
   * how long WebSocket clients get to answer the close frame. Default 4000 ms.
   */
  drainTimeoutMs?: number;
  /** What every upstream read of one GraphQL request over HTTP may take together (default 10 s). */
  upstreamBudgetMs?: number;
  /** HTTP server timeouts and connection cap (defaults: 10 s headers, 30 s request, 5 s keep-alive, 1024 connections). */
  http?: Partial<HttpServerLimits>;
  /** The console at `/` and the explorer at `/explorer` (issue 17); absent: neither is served. */
  console?: ConsoleRoutesOptions;
}

/** Slow senders and connection floods (issue 14.5): see README "Configuration". */
export interface HttpServerLimits {
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  keepAliveTimeoutMs: number;
  maxConnections: number;
}

const DEFAULT_HTTP_LIMITS: HttpServerLimits = { headersTimeoutMs: 10_000, requestTimeoutMs: 30_000, keepAliveTimeoutMs: 5_000, maxConnections: 1_024 };
const DEFAULT_UPSTREAM_BUDGET_MS = 10_000;

export interface RunningGateway {
  url: string;
  graphqlUrl: string;
  httpServer: Server;
  close(): Promise<void>;
}

/** Starts the HTTP server: `/graphql` (Apollo on Express), `/health` and `/ready`. */
export async function startGateway(options: GatewayOptions): Promise<RunningGateway> {
  const app = express();
  app.disable("x-powered-by");
  const http = { ...DEFAULT_HTTP_LIMITS, ...options.http };
  const httpServer = createServer(
    {
      headersTimeout: http.headersTimeoutMs,
      requestTimeout: Math.max(http.requestTimeoutMs, http.headersTimeoutMs),
      keepAliveTimeout: http.keepAliveTimeoutMs,
      // Node checks the two timeouts only this often (default 30 s, which let slow headers hold 90 s).
      connectionsCheckingInterval: Math.max(100, Math.min(1_000, Math.floor(http.headersTimeoutMs / 4))),
    },
    app,
  );
  // Connections beyond the cap are closed at once (WebSockets count too).
  httpServer.maxConnections = http.maxConnections;

  const limits = createQueryLimits({ sandbox: options.sandbox });
  const drainTimeoutMs = options.drainTimeoutMs ?? 4_000;
  const formatError = (transport: string) => (formatted: GraphQLFormattedError, error: unknown) =>
    formatGraphQLError(formatted, error, {
      exposeInternals: false,
      onInternal: (internal) => options.log.error({ err: internal }, `internal error in a GraphQL operation${transport}`),
    });
  const apollo = new ApolloServer<GraphQLContext>({
    schema: options.schema,
    introspection: options.sandbox,
    validationRules: limits.validationRules,
    parseOptions: limits.parseOptions,
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    includeStacktraceInErrorResponses: false,
    // main.ts owns SIGINT/SIGTERM: with Apollo's own handler too, stop() ran twice and the second
    // call waited forever on a barrier @apollo/server 5.5 never releases after a successful stop.
    stopOnTerminationSignals: false,
    formatError: formatError(""),
    plugins: [
      ...limits.plugins,
      ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: drainTimeoutMs }),
      ...noStorePlugins<GraphQLContext>(),
      partialErrorsPlugin<GraphQLContext>(),
      ...(options.metrics ? [apolloMetricsPlugin<GraphQLContext>(options.metrics)] : []),
      // After partialErrorsPlugin: a kept response holds the errors it added.
      ...(options.responseCache ? [responseCachePlugin(options.responseCache)] : []),
      // Apollo's landing pages load from its CDN (offline: "Apollo Sandbox cannot be loaded"); the
      // gateway serves its own bundled GraphiQL at /explorer instead, in both modes.
      ApolloServerPluginLandingPageDisabled(),
    ],
  });
  await apollo.start();
  const stopUpstreamLog = logUpstreamCorrelation(options.log.child({ component: "upstream" }));

  app.get("/health", (_req, res) => {
    res.json({ status: "ok", uptimeSeconds: Math.round(process.uptime()) });
  });
  const metrics = options.metrics;
  if (metrics) {
    app.get("/metrics", async (_req, res) => {
      const { contentType, body } = await metrics.render();
      res.type(contentType).send(body);
    });
  }
  app.get("/ready", async (_req, res) => {
    const report = await runReadinessChecks(options.readinessChecks);
    res.status(report.ready ? 200 : 503).json({ status: readinessStatus(report), checks: report.checks });
  });
  // Audit exports for support leads (streamed NDJSON / CSV); subscriptions over graphql-ws on /graphql.
  const reporting = options.services.reporting;
  // CORS for CORS_ORIGINS, and signed links (`?link=`) so a browser can follow a download without a bearer header.
  if (reporting) {
    app.use(
      "/exports",
      auditExportRouter({
        verifier: options.verifier,
        reporting,
        log: options.log,
        corsOrigins: options.corsOrigins,
        ...(options.services.exportLinks ? { links: options.services.exportLinks } : {}),
      }),
    );
  }
  // Subscriptions only, through the same parse/validation/limits as Apollo (issue 13; README "Live events").
  const liveSockets = options.liveSockets ?? {};
  const liveAccess = new LiveAccessCheck({
    read: () => options.cloud.customers.listDelegatedAccess(),
    maxAgeMs: liveSockets.accessTtlMs ?? 60_000,
    ...(liveSockets.forgetCachedAccess ? { forgetCached: liveSockets.forgetCachedAccess } : {}),
  });
  const closeWebSockets = attachGraphqlWs({
    httpServer,
    path: "/graphql",
    schema: options.schema,
    documents: limits.documents,
    limits: liveSockets,
    log: options.log,
    ...(options.metrics ? { metrics: options.metrics } : {}),
    authenticate: async (authorization) => {
      const token = bearerTokenOf(authorization);
      const agent = await authenticate(options.verifier, token);
      return { agent, expiresAt: verifiedTokenExpiry(token) };
    },
    context: (agent) => {
      options.onAuthenticated?.(agent);
      const requestId = randomUUID();
      return {
        agent,
        requestId,
        log: options.log.child({ requestId, agentId: agent.id }),
        reads: new CustomerReads(options.cloud),
        portalHosts: options.portalHosts,
        services: { ...options.services, liveAccess },
      };
    },
    formatError: formatError(" over WebSocket"),
  });

  app.use(
    "/graphql",
    cors({ origin: options.corsOrigins, methods: ["GET", "POST", "OPTIONS"], exposedHeaders: EXPOSED_HEADERS, maxAge: 600 }),
    // Apollo's standalone server would take 50 MB.
    express.json({ limit: "1mb" }),
    // After the body parser, so Apollo runs inside the request's log scope (request id, agent).
    requestLogMiddleware(options.log),
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        const requestId = currentRequestId() ?? requestIdFrom(req.headers["x-request-id"]);
        // Read once: the same token is verified, reads topics on the agent's behalf and files escalations.
        const token = bearerTokenOf(headerValue(req.headers.authorization));
        const agent = await authenticate(options.verifier, token);
        noteAgent(agent.id);
        options.onAuthenticated?.(agent);
        const log = options.log.child({ requestId, agentId: agent.id });
        return {
          agent,
          requestId,
          log,
          // The agent's token also reads support topics on their behalf (App+User).
          // One upstream time budget for the whole request (UPSTREAM_REQUEST_BUDGET_MS).
          reads: new CustomerReads(
            options.cloud,
            token,
            new UpstreamDeadline(options.upstreamBudgetMs ?? DEFAULT_UPSTREAM_BUDGET_MS),
          ),
          portalHosts: options.portalHosts,
          services: options.services,
          // For on-behalf-of calls (escalation filing); never logged.
          assertion: token,
        } satisfies GraphQLContext;
      },
    }),
  );
  if (options.console) app.use(consoleRouter(options.console));
  // Body parser failures (too large, malformed JSON) answer in the GraphQL error shape.
  app.use((error: unknown, _req: express.Request, res: express.Response, next: express.NextFunction) => {
    const status = (error as { status?: number }).status;
    if (status === 413 || status === 400) {
      res.status(status).json({
        errors: [
          {
            message: status === 413 ? "Request body is too large" : "Request body is not valid JSON",
            extensions: { code: ErrorCode.BAD_USER_INPUT },
          },
        ],
      });
      return;
    }
    next(error);
  });

  await new Promise<void>((resolve, reject) => {
    httpServer.once("error", reject);
    httpServer.listen(options.port, options.host, () => resolve());
  });
  const { port } = httpServer.address() as AddressInfo;
  const shownHost = options.host === "127.0.0.1" || options.host === "0.0.0.0" ? "localhost" : options.host;
  const url = `http://${shownHost}:${port}`;
  let closing: Promise<void> | undefined;
  return {
    url,
    graphqlUrl: `${url}/graphql`,
    httpServer,
    // Idempotent: every caller waits for the one shutdown. Together: WebSocket clients get close
    // frame 1001 (bounded wait), and Apollo's drain stops accepting at once, lets in-flight requests
    // finish within drainTimeoutMs, ends idle and upgraded sockets, destroys the rest, runs stop hooks.
    close: () =>
      (closing ??= (async () => {
        stopUpstreamLog();
        await Promise.all([settleWithin(closeWebSockets, drainTimeoutMs), apollo.stop()]);
        if (httpServer.listening) await new Promise<void>((resolve) => httpServer.close(() => resolve()));
      })()),
  };
}

/**
 * The `exp` of a bearer token the verifier has just accepted (its signature and expiry are
 * checked there); the WebSocket is closed when it passes. Undefined when the token has none.
 */
function verifiedTokenExpiry(token: string | undefined): Date | undefined {
  if (token === undefined) return undefined;
  try {
    const { exp } = decodeJwt(token);
    return typeof exp === "number" ? new Date(exp * 1000) : undefined;
  } catch {
    return undefined; // not a JWT: a verifier that accepts other tokens answers for their lifetime
  }
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Response headers a browser page may read: the request id (to quote in a support call), the
 * retry hint and the bearer challenge of a 401.
 */
const EXPOSED_HEADERS = ["x-request-id", "retry-after", "www-authenticate"];

/**
 * Every GraphQL request (HTTP or WebSocket) must carry a valid bearer token (`bearerTokenOf` of its
 * Authorization); otherwise 401 with UNAUTHENTICATED and WWW-Authenticate.
 */
async function authenticate(verifier: BearerTokenVerifier, token: string | undefined): Promise<Agent> {
  if (!token) {
    throw new GraphQLError("A bearer token is required", {
      extensions: { code: ErrorCode.UNAUTHENTICATED, http: { status: 401, headers: new Map([["www-authenticate", bearerChallenge()]]) } },
    });
  }
  try {
    return await verifier.verify(token);
  } catch (error) {
    const message = isAppError(error) ? error.message : "Token is not valid";
    throw new GraphQLError(message, {
      extensions: {
        code: ErrorCode.UNAUTHENTICATED,
        http: { status: 401, headers: new Map([["www-authenticate", bearerChallenge({ description: message })]]) },
      },
    });
  }
}
