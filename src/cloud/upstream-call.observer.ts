import diagnosticsChannel from "node:diagnostics_channel";

/** One finished upstream HTTP exchange (the response headers arrived). */
export interface UpstreamCall {
  /** graph, partner-center, identity or other. */
  upstream: string;
  method: string;
  /** The path with ids replaced by `{id}` and without query, e.g. `/v1/customers/{id}/subscriptions`. */
  route: string;
  status: number;
}

interface UndiciRequest {
  origin?: string | URL;
  method?: string;
  path?: string;
}

const ID_SEGMENT = /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\d+|[A-Za-z0-9_-]{32,})$/i;

/** The route of a request path: no query string, ids (GUIDs, numbers, long tokens) as `{id}`. */
export function upstreamRoute(path: string): string {
  const pathname = path.split("?")[0] ?? "";
  return pathname
    .split("/")
    .map((segment) => (ID_SEGMENT.test(decodeURIComponent(segment)) ? "{id}" : segment))
    .join("/");
}

/** Which Microsoft API a path belongs to (the same on Microsoft hosts and the emulator). */
export function upstreamOf(route: string): string {
  if (/\/oauth2\//.test(route)) return "identity";
  if (/^\/(v1\.0|beta)\//.test(route)) return "graph";
  if (/^\/v1\//.test(route)) return "partner-center";
  return "other";
}

/**
 * Reports every HTTP request made with fetch/undici to one of `origins` (Graph, Partner Center,
 * the authority), read from undici's diagnostics channel. Why the channel: both the Graph SDK
 * and the Partner Center client call fetch, so one subscription sees them all without touching
 * the adapters, and it counts retries and token requests as the upstream saw them.
 * Returns the unsubscribe function.
 */
export function observeUpstreamCalls(origins: readonly string[], onCall: (call: UpstreamCall) => void): () => void {
  const wanted = new Set(origins.map((origin) => new URL(origin).origin));
  const listener = (message: unknown) => {
    const { request, response } = message as { request?: UndiciRequest; response?: { statusCode?: number } };
    const origin = request?.origin === undefined ? "" : new URL(String(request.origin)).origin;
    if (!wanted.has(origin)) return;
    const route = upstreamRoute(request?.path ?? "/");
    onCall({ upstream: upstreamOf(route), method: request?.method ?? "GET", route, status: response?.statusCode ?? 0 });
  };
  diagnosticsChannel.subscribe("undici:request:headers", listener);
  return () => {
    diagnosticsChannel.unsubscribe("undici:request:headers", listener);
  };
}
