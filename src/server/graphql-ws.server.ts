import { randomUUID } from "node:crypto";
import type { Server } from "node:http";
import {
  getOperationAST,
  getVariableValues,
  GraphQLError,
  type ExecutionArgs,
  type GraphQLFormattedError,
  type GraphQLSchema,
  type OperationTypeNode,
} from "graphql";
import type { SubscribePayload } from "graphql-ws";
import { useServer } from "graphql-ws/use/ws";
import type { Logger } from "pino";
import { WebSocketServer, type WebSocket } from "ws";
import type { Agent } from "../auth/agent";
import { AppError } from "../errors";
import { ErrorCode } from "../errors/error-code";
import type { DocumentChecks } from "../graphql/query-limits";
import type { GatewayMetrics } from "../metrics/gateway-metrics";

/** What the socket door allows (config: WS_MAX_PAYLOAD_BYTES, WS_MAX_SUBSCRIPTIONS_PER_SOCKET, WS_MAX_SOCKETS_PER_AGENT). */
export interface LiveSocketLimits {
  /** Largest message read, in bytes (ws's `maxPayload`; ws alone would read 100 MiB). Like HTTP's 1 MiB body cap. */
  maxPayloadBytes: number;
  /** Operations running at once on one socket. */
  maxSubscriptionsPerSocket: number;
  /** Sockets one agent may hold open on this instance. */
  maxSocketsPerAgent: number;
}

export const DEFAULT_LIVE_SOCKET_LIMITS: Readonly<LiveSocketLimits> = {
  maxPayloadBytes: 1_048_576,
  maxSubscriptionsPerSocket: 100,
  maxSocketsPerAgent: 10,
};

/**
 * Close codes of the socket door. graphql-ws's own: 4403 Forbidden (no valid token at
 * connection_init, or the token has expired since), 4400 (a message outside the protocol). From
 * RFC 6455: 1009 (a frame over maxPayloadBytes, sent by ws before the frame is read), 1013 (try
 * again later: the agent already holds maxSocketsPerAgent sockets here).
 */
export const LiveCloseCode = { Forbidden: 4403, MessageTooBig: 1009, TooManySockets: 1013 } as const;

/** An authenticated socket: who, until when (the token's `exp`). */
export interface SocketIdentity {
  agent: Agent;
  /** When the token expires; the socket is closed with 4403 then. Undefined: the token has no `exp`. */
  expiresAt: Date | undefined;
}

interface OperationRecord {
  name: string | undefined;
  type: OperationTypeNode | "unknown";
  startedAt: number;
  outcome: string;
  live: boolean;
}

interface Session extends SocketIdentity {
  socketId: string;
  openedAt: number;
  expiryTimer: NodeJS.Timeout | undefined;
  operations: Map<string, OperationRecord>;
}

/** setTimeout's largest delay; a later expiry is re-armed when it fires. */
const MAX_TIMER_MS = 2_147_483_647;

/**
 * GraphQL subscriptions over graphql-ws on the same path as HTTP GraphQL.
 *
 * The socket carries subscriptions only: queries and mutations are refused with BAD_USER_INPUT
 * (`reason: SUBSCRIPTIONS_ONLY`) and go over HTTP, where Apollo's whole pipeline (limits, CSRF,
 * role checks, sign-in capture, request log, metrics) runs; Apollo's plugins never see a socket.
 * Every subscribe message goes through `onSubscribe` first: the same parse (token limit) and
 * validation (depth, cost, aliases, directives, introspection) as HTTP, variables coerced, each
 * refusal typed and answered on that operation's id only, so one bad document never closes the
 * socket its other subscriptions share.
 *
 * The bearer token comes in `connection_init` (`{ "authorization": "Bearer <token>" }`); without a
 * valid one the socket is closed with 4403, and with one it is closed with 4403 when the token expires.
 *
 * @returns a function that closes every socket and the WebSocket server
 */
export function attachGraphqlWs<TContext extends object>(options: {
  httpServer: Server;
  path: string;
  schema: GraphQLSchema;
  /** Parse and validation shared with Apollo (createQueryLimits(...).documents). */
  documents: DocumentChecks;
  limits?: Partial<LiveSocketLimits>;
  authenticate: (authorization: string | undefined) => Promise<SocketIdentity>;
  context: (agent: Agent) => TContext;
  formatError: (error: GraphQLFormattedError, original: unknown) => GraphQLFormattedError;
  log: Logger;
  metrics?: GatewayMetrics;
}): () => Promise<void> {
  const limits = { ...DEFAULT_LIVE_SOCKET_LIMITS, ...options.limits };
  const log = options.log.child({ component: "graphql-ws" });
  const metrics = options.metrics;
  const wsServer = new WebSocketServer({ server: options.httpServer, path: options.path, maxPayload: limits.maxPayloadBytes });
  const sessions = new WeakMap<object, Session>();
  const socketsPerAgent = new Map<string, number>();

  // ws reports an oversized frame as a socket error after closing with 1009 (graphql-ws also
  // prints it to stderr); counted and logged here.
  wsServer.on("connection", (socket: WebSocket) => {
    socket.on("error", (error: Error & { code?: string }) => {
      metrics?.countWsSocketError(error.code);
      log.warn({ errCode: error.code, message: error.message }, "graphql ws socket error");
    });
  });

  const format = (errors: readonly GraphQLError[]) =>
    errors.map((error) => options.formatError(error.toJSON(), error.originalError ?? error));

  const finishOperation = (session: Session, id: string, outcomeOverride?: string) => {
    const operation = session.operations.get(id);
    if (!operation) return;
    session.operations.delete(id);
    const outcome = outcomeOverride ?? operation.outcome;
    if (operation.live) metrics?.wsSubscriptionEnded();
    metrics?.countWsOperation(operation.name, operation.type, outcome);
    // The same operation histogram as HTTP (the Apollo plugin): one series for both transports.
    metrics?.observeRequest(operation.name, operation.type, outcome === "ok" || outcome === "closed" ? "ok" : "error", (performance.now() - operation.startedAt) / 1000);
    log.info(
      {
        socketId: session.socketId,
        operationId: id.slice(0, 64),
        operationName: operation.name,
        type: operation.type,
        agentId: session.agent.id,
        outcome,
        durationMs: Math.round(performance.now() - operation.startedAt),
      },
      "graphql ws operation",
    );
  };

  /** Refuses one operation: the errors go to that id only, the socket stays open. */
  const refuse = (session: Session, id: string, record: OperationRecord, errors: GraphQLError[]): GraphQLError[] => {
    // Every refusal here answers BAD_USER_INPUT (parse, validation, limits, coercion, transport) except the socket's quota.
    record.outcome = errors[0]?.extensions?.code === ErrorCode.RATE_LIMITED ? ErrorCode.RATE_LIMITED : ErrorCode.BAD_USER_INPUT;
    session.operations.set(id, record);
    finishOperation(session, id);
    return errors;
  };

  const cleanup = useServer<Record<string, unknown> | undefined>(
    {
      schema: options.schema,
      onConnect: async (ctx) => {
        const { socket } = ctx.extra;
        const raw = ctx.connectionParams?.authorization ?? ctx.connectionParams?.Authorization;
        const authorization = typeof raw === "string" ? (/^Bearer\s/i.test(raw) ? raw : `Bearer ${raw}`) : undefined;
        let identity: SocketIdentity;
        try {
          identity = await options.authenticate(authorization);
        } catch {
          metrics?.countWsConnection("unauthenticated");
          log.info({ outcome: "unauthenticated" }, "graphql ws connection refused");
          return false;
        }
        const { agent } = identity;
        const held = socketsPerAgent.get(agent.id) ?? 0;
        if (held >= limits.maxSocketsPerAgent) {
          metrics?.countWsConnection("too_many_sockets");
          log.warn({ agentId: agent.id, held }, "graphql ws connection refused: too many sockets for this agent");
          // graphql-ws's own refusal (4403) would read as a bad token; this one says "later".
          socket.close(LiveCloseCode.TooManySockets, `Too many sockets for this agent (at most ${limits.maxSocketsPerAgent})`);
          return false;
        }
        const remaining = identity.expiresAt === undefined ? Infinity : identity.expiresAt.getTime() - Date.now();
        if (remaining <= 0) {
          metrics?.countWsConnection("unauthenticated");
          return false;
        }
        socketsPerAgent.set(agent.id, held + 1);
        const session: Session = { ...identity, socketId: randomUUID(), openedAt: performance.now(), expiryTimer: undefined, operations: new Map() };
        sessions.set(ctx.extra, session);
        if (identity.expiresAt !== undefined) armExpiry(session, socket, identity.expiresAt);
        metrics?.countWsConnection("accepted");
        metrics?.wsSocketOpened();
        log.info({ socketId: session.socketId, agentId: agent.id }, "graphql ws connection");
        return true;
      },
      onClose: (ctx, code, reason) => {
        const session = sessions.get(ctx.extra);
        metrics?.countWsClose(code ?? 1005, session !== undefined);
        if (!session) return;
        sessions.delete(ctx.extra);
        clearTimeout(session.expiryTimer);
        for (const id of [...session.operations.keys()]) finishOperation(session, id, "closed");
        const held = (socketsPerAgent.get(session.agent.id) ?? 1) - 1;
        if (held > 0) socketsPerAgent.set(session.agent.id, held);
        else socketsPerAgent.delete(session.agent.id);
        log.info(
          { socketId: session.socketId, agentId: session.agent.id, code, reason: reason?.slice(0, 100), durationMs: Math.round(performance.now() - session.openedAt) },
          "graphql ws closed",
        );
      },
      onSubscribe: (ctx, id, payload) => {
        const session = sessions.get(ctx.extra)!;
        const record: OperationRecord = { name: operationNameOf(payload), type: "unknown", startedAt: performance.now(), outcome: "ok", live: false };
        // graphql-ws has already registered this id, so the count includes it.
        if (Object.keys(ctx.subscriptions).length > limits.maxSubscriptionsPerSocket) {
          return refuse(session, id, record, [
            refusal(ErrorCode.RATE_LIMITED, `At most ${limits.maxSubscriptionsPerSocket} subscriptions may run on one socket`, { limit: "maxSubscriptionsPerSocket" }),
          ]);
        }
        const checked = checkOperation(options.schema, options.documents, payload);
        record.type = checked.type;
        record.name = checked.name ?? record.name;
        if ("errors" in checked) return refuse(session, id, record, checked.errors);
        session.operations.set(id, record);
        return checked.args;
      },
      context: (ctx) => options.context(sessions.get(ctx.extra)!.agent),
      onOperation: (ctx, id, _payload, _args, result) => {
        const record = sessions.get(ctx.extra)?.operations.get(id);
        // An async iterable is a live subscription; anything else is an error result (e.g. FORBIDDEN).
        if (record && typeof (result as AsyncIterable<unknown>)[Symbol.asyncIterator] === "function") {
          record.live = true;
          metrics?.wsSubscriptionStarted();
        }
        return undefined;
      },
      onNext: (ctx, id, _payload, _args, result) => {
        metrics?.countWsMessage("next");
        if (!result.errors) return undefined;
        const formatted = format(result.errors);
        const record = sessions.get(ctx.extra)?.operations.get(id);
        if (record && record.outcome === "ok") record.outcome = String(formatted[0]?.extensions?.code ?? ErrorCode.INTERNAL);
        return { ...result, errors: formatted };
      },
      onError: (ctx, id, _payload, errors) => {
        metrics?.countWsMessage("error");
        const formatted = format(errors);
        const session = sessions.get(ctx.extra);
        const record = session?.operations.get(id);
        if (record) record.outcome = String(formatted[0]?.extensions?.code ?? ErrorCode.INTERNAL);
        return formatted;
      },
      onComplete: (ctx, id) => {
        const session = sessions.get(ctx.extra);
        if (session) finishOperation(session, id);
      },
    },
    wsServer,
  );

  const armExpiry = (session: Session, socket: WebSocket, expiresAt: Date) => {
    const remaining = expiresAt.getTime() - Date.now();
    session.expiryTimer = setTimeout(
      () => {
        if (Date.now() < expiresAt.getTime()) return armExpiry(session, socket, expiresAt);
        log.info({ socketId: session.socketId, agentId: session.agent.id }, "graphql ws token expired: closing the socket");
        socket.close(LiveCloseCode.Forbidden, "Forbidden: the token has expired");
      },
      Math.min(Math.max(remaining, 0), MAX_TIMER_MS),
    );
    session.expiryTimer.unref();
  };

  return async () => {
    await cleanup.dispose();
  };
}

/** `name`: the operation's name in the document (for logs and metrics), when one was found. */
type CheckedOperation =
  | { type: OperationTypeNode | "unknown"; name?: string; args: ExecutionArgs }
  | { type: OperationTypeNode | "unknown"; name?: string; errors: GraphQLError[] };

/**
 * One subscribe message, checked the way Apollo checks an HTTP request: parse (token limit),
 * pick the operation, subscriptions only, validate (every limit), coerce the variables.
 */
export function checkOperation(schema: GraphQLSchema, documents: DocumentChecks, payload: SubscribePayload): CheckedOperation {
  const document = documents.parse(payload.query);
  if (Array.isArray(document)) return { type: "unknown", errors: document };
  const operation = getOperationAST(document, payload.operationName ?? undefined);
  if (!operation) {
    const message = payload.operationName ? `Unknown operation named "${String(payload.operationName).slice(0, 100)}"` : "Must provide an operation name when the document has several operations";
    return { type: "unknown", errors: [new GraphQLError(message, { extensions: { code: "OPERATION_RESOLUTION_FAILURE" } })] };
  }
  const name = operation.name?.value.slice(0, 100);
  if (operation.operation !== "subscription") {
    return {
      type: operation.operation,
      name,
      errors: [
        refusal(ErrorCode.BAD_USER_INPUT, `Only subscriptions run over WebSocket; send ${operation.operation === "mutation" ? "mutations" : "queries"} to POST /graphql`, {
          field: "query",
          reason: "SUBSCRIPTIONS_ONLY",
        }),
      ],
    };
  }
  const invalid = documents.validate(schema, document);
  if (invalid.length > 0) return { type: operation.operation, name, errors: invalid };
  const variables = getVariableValues(schema, operation.variableDefinitions ?? [], payload.variables ?? {}, { maxErrors: 25 });
  if (variables.errors) {
    const errors = variables.errors.map(
      (error) => new GraphQLError(error.message, { nodes: error.nodes, extensions: { ...error.extensions, code: ErrorCode.BAD_USER_INPUT } }),
    );
    return { type: operation.operation, name, errors };
  }
  return {
    type: operation.operation,
    name,
    args: { schema, document, operationName: payload.operationName ?? undefined, variableValues: payload.variables ?? undefined },
  };
}

/** A refusal of the socket door: an AppError inside, so format-error keeps its details as they are. */
function refusal(code: ErrorCode, message: string, details: Record<string, unknown>): GraphQLError {
  const error = new AppError(code, message, details);
  return new GraphQLError(message, { originalError: error, extensions: { code, ...details } });
}

function operationNameOf(payload: SubscribePayload): string | undefined {
  return typeof payload.operationName === "string" ? payload.operationName.slice(0, 100) : undefined;
}
