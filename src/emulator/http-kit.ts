import type { IncomingMessage, ServerResponse } from "node:http";
import type { ApiResult } from "./api-errors";

/** A tiny routing table: readable patterns like `GET /v1/customers/{customerId}` with typed handlers. */
export interface Route<H> {
  method: string;
  /** The pattern as written, also the key of the request counters (`GET /v1/customers/{customerId}`). */
  key: string;
  regex: RegExp;
  handler: H;
}

export interface RouteMatch<H> {
  route: Route<H>;
  params: Record<string, string>;
}

export function defineRoute<H>(method: string, pattern: string, handler: H): Route<H> {
  const source = pattern
    .split(/(\{[A-Za-z]+\})/)
    .map((part) => {
      const param = /^\{([A-Za-z]+)\}$/.exec(part);
      return param ? `(?<${param[1]}>[^/]+)` : part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    })
    .join("");
  return { method, key: `${method} ${pattern}`, regex: new RegExp(`^${source}/?$`), handler };
}

/** The matching route, "method-not-allowed" when only the method differs, or undefined. */
export function matchRoute<H>(routes: readonly Route<H>[], method: string, path: string): RouteMatch<H> | "method-not-allowed" | undefined {
  let pathMatched = false;
  for (const route of routes) {
    const match = route.regex.exec(path);
    if (!match) continue;
    pathMatched = true;
    if (route.method !== method) continue;
    const params: Record<string, string> = {};
    for (const [name, value] of Object.entries(match.groups ?? {})) params[name] = safeDecode(value);
    return { route, params };
  }
  return pathMatched ? "method-not-allowed" : undefined;
}

/** The request counters' key of a call: its route's pattern, or `METHOD (unmatched)`. */
export const routeKeyOf = <H>(match: RouteMatch<H> | "method-not-allowed" | undefined, method: string): string =>
  typeof match === "object" ? match.route.key : `${method} (unmatched)`;

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

const MAX_BODY_BYTES = 1_048_576;

/** Reads a request body as text (bounded: the emulator never needs more than 1 MB). */
export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new Error("Request body too large");
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** Lower-cased single-valued request headers. */
export function headerMap(req: IncomingMessage): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(req.headers)) out[name] = Array.isArray(value) ? value.join(", ") : value;
  return out;
}

export function writeResult(res: ServerResponse, result: ApiResult): void {
  if (res.destroyed || res.writableEnded) return;
  const headers: Record<string, string> = { ...result.headers };
  let payload: string | undefined;
  if (result.body !== undefined) {
    payload = typeof result.body === "string" ? result.body : JSON.stringify(result.body);
    if (!Object.keys(headers).some((h) => h.toLowerCase() === "content-type")) headers["Content-Type"] = "application/json; charset=utf-8";
  }
  res.writeHead(result.status, headers);
  res.end(payload);
}
