import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { createServer } from "node:https";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { badUserInput, messageOf } from "../errors";
import { graphError, partnerCenterError, faultResult, type ApiResult } from "./api-errors";
import { AZURE_SUPPORT_CONTROL_ROUTES, handleAzureResourceManager, isAzureResourceManagerPath } from "./azure-support.routes";
import { controlError } from "./control-body";
import { CONTROL_ROUTES } from "./control.routes";
import { authenticate } from "./emulator-auth";
import { bearerTokenOf, type ControlHooks, type EmulatorContext, type UnauthenticatedCall } from "./emulator-context";
import type { EmulatorSeed } from "./emulator-seed.types";
import { createEmulatorWorld } from "./emulator-world";
import { takeFault } from "./fault-rules";
import { createThrottle, throttledFamilyOf, type ThrottleSettings } from "./throttle-limits";
import { GRAPH_JSON, GRAPH_ROUTES, dispatchGraph } from "./graph.routes";
import { headerMap, matchRoute, readBody, routeKeyOf, writeResult } from "./http-kit";
import { IDENTITY_ROUTES, TOKEN_ROUTE_KEY } from "./identity.routes";
import { createPageTokenCodec } from "./page-token";
import { PARTNER_CENTER_ROUTES, partnerCenterTenantOf } from "./partner-center.routes";
import { createRequestCounters } from "./request-counters";
import { createServiceRequestState } from "./service-request-state";
import { SERVICE_REQUEST_CONTROL_ROUTES, SERVICE_REQUEST_ROUTES } from "./service-requests.routes";
import { generateSeed } from "./seed.generator";
import { certificatePath, loadOrCreateTlsMaterial } from "./tls-material";
import { createTokenIssuer, RESOURCE } from "./token-issuer";

export interface EmulatorOptions {
  /** 0 = any free port. Default 4010. */
  port?: number;
  /** Interface to listen on. Default "127.0.0.1"; the public URL always uses "localhost". */
  host?: string;
  /** Seed of the generated data. Default 42. */
  seed?: number;
  /** Number of customer tenants (>= 1). Default 25. */
  tenants?: number;
  /** Where to keep the TLS key/certificate and token signing key (e.g. "data/emulator-tls"); absent = memory only. */
  tlsDir?: string;
  /** Service request create: "accept" files, "retired" answers 403 "not supported" (as for many partners). Default "accept"; switchable via POST /_emulator/service-requests/create-mode. */
  serviceRequestCreate?: "accept" | "retired";
  log?: (msg: string, fields?: Record<string, unknown>) => void;
  /**
   * Microsoft's documented rate limits, answered 429 + Retry-After (throttle-limits.ts;
   * MICROSOFT_THROTTLE_LIMITS are the published figures). Default: not enforced; tests pass
   * smaller limits.
   */
  throttling?: ThrottleSettings;
}

export interface RunningEmulator {
  /** "https://localhost:PORT" (no trailing slash). */
  url: string;
  port: number;
  /** The self-signed certificate to trust for emulator calls only. */
  caCertPem: string;
  /** Path of the persisted certificate, when `tlsDir` was given. */
  caCertPath: string | undefined;
  partnerTenantId: string;
  clientId: string;
  clientSecret: string;
  /** The current data (a live view: it reflects incidents changed through the control API). Do not mutate. */
  readonly seed: EmulatorSeed;
  /** Same as POST /_emulator/reset. */
  reset(): void;
  close(): Promise<void>;
}

const DEFAULTS = { port: 4010, host: "127.0.0.1", seed: 42, tenants: 25 } as const;
const FIRST_CONTROL_ISSUE_NUMBER = 900001;

/** Today at 00:00 UTC: seed dates move with the calendar but stay stable within a day. */
function todayUtc(): Date {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

/**
 * Starts the local Microsoft cloud: Graph (/v1.0), Partner Center (/v1), a token endpoint per
 * tenant and the /_emulator control API, over HTTPS with a self-signed localhost certificate.
 *
 * @example
 * const emulator = await startEmulator({ port: 0, tenants: 8 });
 * const agent = new Agent({ connect: { ca: emulator.caCertPem } });
 * await fetch(`${emulator.url}/_emulator/tenants`, { dispatcher: agent });
 * await emulator.close();
 */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const port = options.port ?? DEFAULTS.port;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw badUserInput("port", "The emulator port must be an integer from 0 to 65535");
  const seedNumber = options.seed ?? DEFAULTS.seed;
  const tenantCount = options.tenants ?? DEFAULTS.tenants;
  const makeWorld = () => createEmulatorWorld(generateSeed(seedNumber, tenantCount, todayUtc()));
  const firstWorld = makeWorld(); // validates seed and tenants before anything is opened
  const log = options.log ?? (() => undefined);

  const [tls, issuer] = await Promise.all([loadOrCreateTlsMaterial(options.tlsDir), createTokenIssuer(options.tlsDir)]);
  const server = createServer({ key: tls.keyPem, cert: tls.certPem });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, options.host ?? DEFAULTS.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const actualPort = (server.address() as AddressInfo).port;
  const url = `https://localhost:${actualPort}`;
  /** The state a reset restores (with a new world, zeroed counters and throttle windows). */
  const initialState = () => ({
    faults: [],
    latencyMs: 0,
    nextIssueNumber: FIRST_CONTROL_ISSUE_NUMBER,
    serviceRequestCreate: options.serviceRequestCreate ?? "accept",
    serviceRequests: createServiceRequestState(),
  });
  const ctx: EmulatorContext = {
    url,
    world: firstWorld,
    issuer,
    pageTokens: createPageTokenCodec(),
    counters: createRequestCounters(),
    nextFaultId: 1,
    throttle: options.throttling === undefined ? undefined : createThrottle(options.throttling),
    ...initialState(),
  };
  const hanging = new Set<ServerResponse>();
  const hooks: ControlHooks = {
    reset() {
      Object.assign(ctx, { world: makeWorld(), ...initialState() });
      ctx.counters.reset();
      ctx.throttle?.reset();
      for (const res of hanging) res.destroy();
      hanging.clear();
    },
  };
  // Served from here on: the context needs the port the server listens on.
  server.on("request", (req: IncomingMessage, res: ServerResponse) => {
    handleRequest(req, res, ctx, hooks, hanging, log).catch((error: unknown) => {
      log("emulator request failed", { error: messageOf(error) });
      writeResult(res, { status: 500, body: { error: { code: "InternalServerError", message: "The emulator failed to handle the request." } } });
    });
  });
  log("emulator listening", { url, tenants: tenantCount, seed: seedNumber });

  let closing: Promise<void> | undefined;
  const partner = firstWorld.seed.partner;
  return {
    url,
    port: actualPort,
    caCertPem: tls.certPem,
    caCertPath: options.tlsDir === undefined ? undefined : certificatePath(options.tlsDir),
    partnerTenantId: partner.tenantId,
    clientId: partner.clientId,
    clientSecret: partner.clientSecret,
    get seed() {
      return ctx.world.seed;
    },
    reset: () => hooks.reset(),
    close() {
      closing ??= new Promise<void>((resolve) => {
        for (const res of hanging) res.destroy();
        hanging.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

async function handleRequest(
  req: IncomingMessage,
  res: ServerResponse,
  ctx: EmulatorContext,
  hooks: ControlHooks,
  hanging: Set<ServerResponse>,
  log: NonNullable<EmulatorOptions["log"]>,
): Promise<void> {
  const started = Date.now();
  const method = (req.method ?? "GET").toUpperCase();
  const url = new URL(req.url ?? "/", ctx.url);
  const path = url.pathname;
  const headers = headerMap(req);
  const body = method === "GET" || method === "HEAD" ? "" : await readBody(req);

  let result: ApiResult;
  if (path === "/_emulator" || path.startsWith("/_emulator/")) {
    result = handleControl(method, path, body, ctx, hooks);
  } else {
    if (ctx.latencyMs > 0) await sleep(ctx.latencyMs);
    const api = API_FAMILIES.find((family) => family.serves(path));
    result = api
      ? await api.handle({ method, path, query: url.searchParams, headers, body, bearer: bearerTokenOf(headers["authorization"]) }, ctx)
      : await handleIdentity(method, path, headers, body, ctx, url.search.replace(/^\?/, ""));
  }

  if (result.hang) {
    hanging.add(res);
    res.on("close", () => hanging.delete(res));
    log("emulator request hanging", { method, path });
    return;
  }
  writeResult(res, result);
  log("emulator request", { method, path, status: result.status, ms: Date.now() - started });
}

/**
 * The token-bearing API families, tried in order; anything else is the identity provider's. A new
 * family is one entry here, its prelude (authenticate, count, faults) in its own handler.
 */
const API_FAMILIES: readonly { serves(path: string): boolean; handle(call: UnauthenticatedCall, ctx: EmulatorContext): Promise<ApiResult> }[] = [
  { serves: (path) => path === "/v1.0" || path.startsWith("/v1.0/"), handle: handleGraph },
  { serves: (path) => path.startsWith("/v1/"), handle: handlePartnerCenter },
  { serves: isAzureResourceManagerPath, handle: handleAzureResourceManager },
];

function handleControl(method: string, path: string, body: string, ctx: EmulatorContext, hooks: ControlHooks): ApiResult {
  const match = matchRoute(ALL_CONTROL_ROUTES, method, path);
  if (match === undefined) return controlError(404, `No control route ${method} ${path}.`);
  if (match === "method-not-allowed") return controlError(405, `${method} is not allowed on ${path}.`);
  return match.route.handler({ params: match.params, body }, ctx, hooks);
}

const ALL_CONTROL_ROUTES = [...CONTROL_ROUTES, ...SERVICE_REQUEST_CONTROL_ROUTES, ...AZURE_SUPPORT_CONTROL_ROUTES];
// Service request routes come after the others, so /v1/servicerequests/supporttopics keeps its own route.
const ALL_PARTNER_CENTER_ROUTES = [...PARTNER_CENTER_ROUTES, ...SERVICE_REQUEST_ROUTES];

/** Graph: verify the token (Graph audience), count the call, then faults and routes via dispatchGraph. */
async function handleGraph(call: UnauthenticatedCall, ctx: EmulatorContext): Promise<ApiResult> {
  const clientRequestId = call.headers["client-request-id"];
  const requestId = randomUUID();
  const common = { "request-id": requestId, "client-request-id": clientRequestId ?? requestId, "Content-Type": GRAPH_JSON };
  const routeKey = routeKeyOf(matchRoute(GRAPH_ROUTES, call.method, call.path), call.method);
  const claims = await authenticate(call, RESOURCE.GRAPH, ctx);
  ctx.counters.countApiCall(routeKey, typeof claims === "string" ? undefined : claims.tid);
  if (typeof claims === "string") {
    const denied = graphError(401, "InvalidAuthenticationToken", claims, clientRequestId);
    return { ...denied, headers: { ...common, "WWW-Authenticate": `Bearer realm="", authorization_uri="${ctx.url}/common/oauth2/authorize"` } };
  }
  const result = await dispatchGraph({ ...call, claims }, ctx);
  return { ...result, headers: { ...common, ...result.headers } };
}

/** Partner Center: partner-tenant token with the Partner Center audience; echoes MS-RequestId/MS-CorrelationId. */
async function handlePartnerCenter(call: UnauthenticatedCall, ctx: EmulatorContext): Promise<ApiResult> {
  const common = {
    "MS-RequestId": call.headers["ms-requestid"] ?? randomUUID(),
    "MS-CorrelationId": call.headers["ms-correlationid"] ?? randomUUID(),
    "MS-CV": `${randomUUID().slice(0, 8)}.0`,
    "MS-ServerId": "emulator",
  };
  const withCommon = (result: ApiResult): ApiResult => ({ ...result, headers: { ...common, ...result.headers } });
  const match = matchRoute(ALL_PARTNER_CENTER_ROUTES, call.method, call.path);
  const routeKey = routeKeyOf(match, call.method);

  const claims = await authenticate(call, RESOURCE.PARTNER_CENTER, ctx);
  if (typeof claims === "string") {
    ctx.counters.countApiCall(routeKey, undefined);
    return withCommon(partnerCenterError(401, "400", `Access denied: ${claims}`, { "WWW-Authenticate": "OAuth realm=urn:cpsvc:cpid:emulator" }));
  }
  const partnerTenantId = ctx.world.seed.partner.tenantId;
  if (!ctx.world.isPartner(claims.tid)) {
    ctx.counters.countApiCall(routeKey, claims.tid);
    return withCommon(partnerCenterError(403, "2032", "Access denied: Partner Center accepts tokens issued for the partner tenant only."));
  }
  const tenant = partnerCenterTenantOf(call.path, partnerTenantId);
  ctx.counters.countApiCall(routeKey, tenant);
  const fault = takeFault(ctx.faults, call.path, tenant);
  if (fault) return withCommon(faultResult("partner-center", fault));
  const throttleKey = ctx.throttle?.settings.partnerCenterScope === "partner" ? partnerTenantId : tenant;
  const retryAfterSeconds = throttledFamilyOf(call.path) === "partnerCenter" ? (ctx.throttle?.take("partnerCenter", throttleKey) ?? null) : null;
  if (retryAfterSeconds !== null) return withCommon(faultResult("partner-center", { status: 429, retryAfterSeconds, hang: false }));
  if (match === undefined) return withCommon(partnerCenterError(404, "1000", `Resource ${call.path} was not found.`));
  if (match === "method-not-allowed") return withCommon(partnerCenterError(405, "405", `${call.method} is not allowed on ${call.path}.`));
  return withCommon(match.route.handler({ ...call, claims, params: match.params }, ctx));
}

async function handleIdentity(
  method: string,
  path: string,
  headers: Record<string, string | undefined>,
  body: string,
  ctx: EmulatorContext,
  query: string,
): Promise<ApiResult> {
  // A single-page app (the console's MSAL.js) calls metadata, keys and token endpoints cross-origin, as Entra ID allows.
  const cors = { "Access-Control-Allow-Origin": headers["origin"] ?? "*", "Access-Control-Allow-Methods": "GET, POST, OPTIONS", "Access-Control-Allow-Headers": headers["access-control-request-headers"] ?? "content-type", "Access-Control-Max-Age": "600", Vary: "Origin" };
  if (method === "OPTIONS") return { status: 204, headers: cors };
  const match = matchRoute(IDENTITY_ROUTES, method, path);
  if (typeof match !== "object") {
    return { status: 404, headers: cors, body: { error: "not_found", error_description: `The emulator has no route ${method} ${path}.` } };
  }
  // Faults target Graph and Partner Center calls only, so `{"match":".*"}` never breaks sign-in.
  if (match.route.key === TOKEN_ROUTE_KEY) ctx.counters.countTokenRequest();
  const result = await match.route.handler({ params: match.params, headers, body, query }, ctx);
  return { ...result, headers: { ...cors, ...result.headers } };
}
