import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";
import diagnosticsChannel from "node:diagnostics_channel";
import type { NextFunction, Request, Response } from "express";
import type { Logger } from "pino";

/** What the request log knows about the GraphQL request in progress. */
interface RequestScope {
  requestId: string;
  agentId?: string;
}

const scope = new AsyncLocalStorage<RequestScope>();

/** A client-supplied `x-request-id` is kept only when it is short and plain (no log injection). */
const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

export function requestIdFrom(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value !== undefined && SAFE_REQUEST_ID.test(value) ? value : randomUUID();
}

/** The request id of the GraphQL request this code runs for, if any. */
export const currentRequestId = (): string | undefined => scope.getStore()?.requestId;

/** Records the authenticated agent on the current request's log line. */
export function noteAgent(agentId: string): void {
  const store = scope.getStore();
  if (store) store.agentId = agentId;
}

/**
 * Express middleware for `/graphql`: picks the request id (the client's `x-request-id` when
 * plain, else a new UUID), echoes it in the response header, runs the rest of the request inside
 * its scope, and logs one line when the response is sent: request id, operation name, agent,
 * status and duration. Never the body, variables or headers, so no token or input reaches the log.
 */
export function requestLogMiddleware(log: Logger) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const started = process.hrtime.bigint();
    const store: RequestScope = { requestId: requestIdFrom(req.headers["x-request-id"]) };
    res.setHeader("x-request-id", store.requestId);
    res.on("finish", () => {
      const body = req.body as { operationName?: unknown } | undefined;
      const operationName = typeof body?.operationName === "string" ? body.operationName.slice(0, 100) : undefined;
      log.info(
        {
          requestId: store.requestId,
          method: req.method,
          operationName,
          agentId: store.agentId,
          status: res.statusCode,
          durationMs: Number((process.hrtime.bigint() - started) / 1_000_000n),
        },
        "graphql request",
      );
    });
    scope.run(store, () => next());
  };
}

interface UndiciRequest {
  origin?: string | URL;
  method?: string;
  path?: string;
  headers?: string[] | string;
}

/** Correlation headers Microsoft APIs send or echo (Graph: request-id / client-request-id; Partner Center: MS-CorrelationId / MS-RequestId). */
const CORRELATION_HEADERS = new Set(["request-id", "client-request-id", "ms-correlationid", "ms-requestid", "x-ms-request-id", "x-ms-correlation-request-id"]);

function correlationIds(headers: unknown): Record<string, string> {
  const ids: Record<string, string> = {};
  // undici hands raw headers as [name, value, name, value, ...] (strings or Buffers).
  const list = Array.isArray(headers) ? headers.map(String) : typeof headers === "string" ? headers.split("\r\n").flatMap((line) => line.split(/:\s*/, 2)) : [];
  for (let i = 0; i + 1 < list.length; i += 2) {
    const name = list[i]!.toLowerCase();
    if (CORRELATION_HEADERS.has(name)) ids[name] = list[i + 1]!.slice(0, 100);
  }
  return ids;
}

/**
 * Logs every upstream HTTP exchange made for a GraphQL request (read from undici's diagnostics
 * channels, so the Graph SDK, the Partner Center client and token requests are all seen) with
 * that request's id and the correlation ids sent and received, so one line ties a desk request
 * to Microsoft's own request ids. Paths only, no query strings or headers beyond those ids.
 * Returns the unsubscribe function.
 */
export function logUpstreamCorrelation(log: Logger): () => void {
  const owners = new WeakMap<object, { requestId: string; sent: Record<string, string> }>();
  const onCreate = (message: unknown) => {
    const { request } = message as { request?: UndiciRequest & object };
    const requestId = currentRequestId();
    if (request && requestId !== undefined) owners.set(request, { requestId, sent: correlationIds(request.headers) });
  };
  const onHeaders = (message: unknown) => {
    const { request, response } = message as { request?: UndiciRequest & object; response?: { statusCode?: number; headers?: unknown } };
    const owner = request ? owners.get(request) : undefined;
    if (!request || !owner) return;
    log.debug(
      {
        requestId: owner.requestId,
        upstream: request.origin === undefined ? undefined : String(request.origin),
        method: request.method,
        path: (request.path ?? "").split("?")[0],
        status: response?.statusCode,
        correlation: { ...owner.sent, ...correlationIds(response?.headers) },
      },
      "upstream call",
    );
  };
  diagnosticsChannel.subscribe("undici:request:create", onCreate);
  diagnosticsChannel.subscribe("undici:request:headers", onHeaders);
  return () => {
    diagnosticsChannel.unsubscribe("undici:request:create", onCreate);
    diagnosticsChannel.unsubscribe("undici:request:headers", onHeaders);
  };
}
