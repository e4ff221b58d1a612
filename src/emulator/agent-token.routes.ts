import { createHash, randomBytes, randomUUID } from "node:crypto";
import type { JWTPayload } from "jose";
import { aadError, type ApiResult } from "./api-errors";
import { agentTokenSignerOf, publishedAgentKeys } from "./agent-token.signer";
import type { EmulatorContext, IdentityCall } from "./emulator-context";
import { defineRoute, type Route } from "./http-kit";
import { createSeededRandom, hashString } from "./seeded-random";
import { TOKEN_LIFETIME_SECONDS } from "./token-issuer";

type AgentTokenHandler = (call: IdentityCall, ctx: EmulatorContext) => Promise<ApiResult>;

/**
 * Emulator-only identity routes for agents (desk users) signing in to the gateway's own API,
 * so that microsoft-mode token validation runs end to end against this identity provider:
 *
 * - `POST /{tenant}/oauth2/v2.0/agent-token` with JSON
 *   `{ "requestedAccessTokenVersion"?: null | 1 | 2, "resource"?: "api://<client id>",
 *      "roles": ["HELPDESK_AGENT"], "name"?, "userName"?, "oid"?, "scp"?, "appOnly"?,
 *      "optionalClaims"?: ["idtyp"], "clientAppId"?, "lifetimeSeconds"?, "notBeforeSeconds"?, "claims"? }`
 *   answers `{ token_type, expires_in, access_token }`: an access token for the gateway's app
 *   registration shaped as Entra issues it (entraAccessTokenClaims). `requestedAccessTokenVersion`
 *   stands for the registration's manifest setting (null or 1: v1.0, the default; 2: v2.0);
 *   `resource` is what the client asked for (the App ID URI, with or without a trailing slash,
 *   or the client id; `audience` is accepted as its older name); `claims` overrides any claim
 *   (`null` removes one) for tests of wrong issuers, missing `exp` and the like;
 *   `notBeforeSeconds` is added to now (default -300, as Entra ID backdates `nbf`).
 * - `GET /{tenant}/discovery/keys`: the v1.0 keys document (v1.0 metadata's `jwks_uri`), the same
 *   keys as `/discovery/v2.0/keys`, as Entra publishes one key set under both.
 * - `POST /{tenant}/discovery/v2.0/keys/rotate` makes a new signing key current; the previous
 *   key stays in the JWKS until the next rotation.
 */
export const AGENT_TOKEN_ROUTES: readonly Route<AgentTokenHandler>[] = [
  defineRoute<AgentTokenHandler>("POST", "/{tenant}/oauth2/v2.0/agent-token", issueAgentToken),
  defineRoute<AgentTokenHandler>("GET", "/{tenant}/discovery/keys", v1SigningKeys),
  defineRoute<AgentTokenHandler>("POST", "/{tenant}/discovery/v2.0/keys/rotate", rotateSigningKey),
];

const badRequest = (message: string) => aadError(400, "invalid_request", "AADSTS900144", message);
export const unknownTenant = (call: IdentityCall) =>
  aadError(400, "invalid_request", "AADSTS90002", `Tenant '${call.params["tenant"]}' not found.`);

function tenantOf(call: IdentityCall, ctx: EmulatorContext): string | undefined {
  return ctx.world.resolveTokenTenant(call.params["tenant"] ?? "");
}

/** What a token request says about the user, the client and the API, after defaults. */
export interface AgentTokenRequest {
  version: "1.0" | "2.0";
  /** The emulator's URL: the STS host of both versions. */
  stsUrl: string;
  tenantId: string;
  /** The gateway's application (client) id. */
  apiClientId: string;
  /** The resource as the client named it (v1.0 `aud`). */
  resource: string;
  /** The calling client application (`appid` / `azp`). */
  clientAppId: string;
  appOnly: boolean;
  /** The resource's optional access-token claims (only `idtyp` is modelled). */
  optionalClaims: readonly string[];
  oid: string;
  name: string;
  userName: string;
  scp: string;
  roles: readonly string[];
  issuedAt: number;
  notBefore: number;
  expiresAt: number;
}

const opaque = (bytes: number) => randomBytes(bytes).toString("base64");

/**
 * The claims Entra writes into an access token for a registered API, after the two examples of
 * access-tokens.md ("Token formats") and access-token-claims-reference.md:
 * - v1.0: `iss` `{sts}/{tid}/`, `aud` the resource as requested, `appid`/`appidacr`, `acr`,
 *   `amr`, `unique_name` and `upn` (user tokens), `ver` "1.0";
 * - v2.0: `iss` `{sts}/{tid}/v2.0`, `aud` always the API's client id, `azp`/`azpacr`,
 *   `preferred_username` (user tokens), `ver` "2.0";
 * - both: `iat`/`nbf`/`exp`, `aio` and `rh` (opaque), `oid`, `sub` (pairwise per application for
 *   users, the service principal for app-only tokens), `tid`, `uti`, `roles` when assigned, and
 *   `scp` and `name` in user tokens only. `idtyp` ("app") appears only in app-only tokens and only
 *   when the API asked for that optional claim (optional-claims-reference.md).
 */
export function entraAccessTokenClaims(request: AgentTokenRequest): JWTPayload {
  const v1 = request.version === "1.0";
  const issuer = v1 ? `${request.stsUrl}/${request.tenantId}/` : `${request.stsUrl}/${request.tenantId}/v2.0`;
  const pairwiseSub = createHash("sha256").update(`${request.oid}:${request.apiClientId}`).digest("base64url").slice(0, 43);
  const client = v1 ? { appid: request.clientAppId, appidacr: request.appOnly ? "1" : "0" } : { azp: request.clientAppId, azpacr: request.appOnly ? "1" : "0" };
  const user = !request.appOnly;
  return {
    aud: v1 ? request.resource : request.apiClientId,
    iss: issuer,
    iat: request.issuedAt,
    nbf: request.notBefore,
    exp: request.expiresAt,
    ...(v1 && user ? { acr: "1" } : {}),
    aio: opaque(user ? 96 : 48),
    ...(v1 && user ? { amr: ["pwd"] } : {}),
    ...client,
    ...(!user && request.optionalClaims.includes("idtyp") ? { idtyp: "app" } : {}),
    ...(user ? { name: request.name } : {}),
    oid: request.oid,
    ...(!v1 && user ? { preferred_username: request.userName } : {}),
    rh: opaque(24),
    ...(request.roles.length > 0 ? { roles: [...request.roles] } : {}),
    ...(user ? { scp: request.scp } : {}),
    sub: user ? pairwiseSub : request.oid,
    tid: request.tenantId,
    ...(v1 && user ? { unique_name: request.userName, upn: request.userName } : {}),
    uti: randomUUID().replace(/-/g, "").slice(0, 22),
    ver: request.version,
  };
}

/** Applies test overrides: a value replaces the claim, `null` removes it. */
export function withOverrides(claims: JWTPayload, overrides: Record<string, unknown>): JWTPayload {
  const result: Record<string, unknown> = { ...claims };
  for (const [name, value] of Object.entries(overrides)) {
    if (value === null) delete result[name];
    else result[name] = value;
  }
  return result as JWTPayload;
}

function versionOf(value: unknown): "1.0" | "2.0" | undefined {
  if (value === undefined || value === null || value === 1) return "1.0";
  if (value === 2) return "2.0";
  return undefined;
}

const isStringList = (value: unknown): value is string[] => Array.isArray(value) && value.every((item) => typeof item === "string");

async function issueAgentToken(call: IdentityCall, ctx: EmulatorContext): Promise<ApiResult> {
  const tenantId = tenantOf(call, ctx);
  if (tenantId === undefined) return unknownTenant(call);
  let input: Record<string, unknown>;
  try {
    input = JSON.parse(call.body || "{}") as Record<string, unknown>;
  } catch {
    return badRequest("The body must be JSON.");
  }
  const partner = ctx.world.seed.partner;
  const version = versionOf(input.requestedAccessTokenVersion);
  if (version === undefined) return badRequest("'requestedAccessTokenVersion' must be null, 1 or 2.");
  const resource = input.resource ?? input.audience ?? `api://${partner.clientId}`;
  if (typeof resource !== "string" || resource === "") return badRequest("'resource' must be the API's App ID URI or client id.");
  // Entra knows the API by its App ID URI (with or without a trailing slash) or its client id.
  if (![`api://${partner.clientId}`, `api://${partner.clientId}/`, partner.clientId].includes(resource)) {
    return aadError(400, "invalid_resource", "AADSTS500011", `The resource principal named ${resource} was not found in the tenant named ${call.params["tenant"]}.`);
  }
  const { roles = [], optionalClaims = [], lifetimeSeconds = TOKEN_LIFETIME_SECONDS, notBeforeSeconds = -300, claims = {} } = input;
  if (!isStringList(roles)) return badRequest("'roles' must be a list of app role names.");
  if (!isStringList(optionalClaims)) return badRequest("'optionalClaims' must be a list of claim names.");
  if (typeof lifetimeSeconds !== "number" || typeof notBeforeSeconds !== "number") return badRequest("'lifetimeSeconds' and 'notBeforeSeconds' must be numbers.");
  if (typeof claims !== "object" || claims === null || Array.isArray(claims)) return badRequest("'claims' must be an object.");
  for (const field of ["name", "userName", "oid", "scp", "clientAppId"] as const) {
    if (input[field] !== undefined && typeof input[field] !== "string") return badRequest(`'${field}' must be a string.`);
  }
  const appOnly = input.appOnly === true;
  const name = (input.name as string | undefined) ?? "Emulator Agent";
  const domain = tenantId === partner.tenantId ? partner.domain : (ctx.world.findTenant(tenantId)?.domain ?? "contoso.onmicrosoft.com");
  const now = Math.floor(Date.now() / 1000);
  const request: AgentTokenRequest = {
    version,
    stsUrl: ctx.url,
    tenantId,
    apiClientId: partner.clientId,
    resource,
    clientAppId: (input.clientAppId as string | undefined) ?? createSeededRandom(hashString(`agent-client:${tenantId}`)).guid(),
    appOnly,
    optionalClaims,
    oid: (input.oid as string | undefined) ?? createSeededRandom(hashString(`agent:${tenantId}:${appOnly ? "app" : name}`)).guid(),
    name,
    userName: (input.userName as string | undefined) ?? `${name.toLowerCase().replace(/[^a-z0-9]+/g, ".").replace(/^\.|\.$/g, "")}@${domain}`,
    scp: (input.scp as string | undefined) ?? "access_as_user",
    roles,
    issuedAt: now,
    notBefore: now + notBeforeSeconds,
    expiresAt: now + lifetimeSeconds,
  };
  const signer = await agentTokenSignerOf(ctx);
  const accessToken = await signer.sign(withOverrides(entraAccessTokenClaims(request), claims as Record<string, unknown>), { version });
  return { status: 200, headers: { "Cache-Control": "no-store" }, body: { token_type: "Bearer", expires_in: lifetimeSeconds, access_token: accessToken } };
}

/** The keys document of both metadata versions: the app-token key, then the agent-token keys (current and rotated out). */
export async function signingKeysDocument(ctx: EmulatorContext): Promise<ApiResult> {
  return { status: 200, body: { keys: [...ctx.issuer.jwks.keys, ...(await publishedAgentKeys(ctx))] } };
}

async function v1SigningKeys(call: IdentityCall, ctx: EmulatorContext): Promise<ApiResult> {
  return tenantOf(call, ctx) === undefined ? unknownTenant(call) : signingKeysDocument(ctx);
}

async function rotateSigningKey(call: IdentityCall, ctx: EmulatorContext): Promise<ApiResult> {
  if (tenantOf(call, ctx) === undefined) return unknownTenant(call);
  const signer = await agentTokenSignerOf(ctx);
  return { status: 200, body: await signer.rotate() };
}
