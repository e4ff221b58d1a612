import { aadError, type ApiResult } from "./api-errors";
import { agentTokenSignerOf } from "./agent-token.signer";
import type { EmulatorContext } from "./emulator-context";
import { defineRoute, type Route } from "./http-kit";
import type { IdentityCall } from "./identity.routes";
import { createSeededRandom, hashString } from "./seeded-random";
import { TOKEN_LIFETIME_SECONDS } from "./token-issuer";

type AgentTokenHandler = (call: IdentityCall, ctx: EmulatorContext) => Promise<ApiResult>;

/**
 * Emulator-only identity routes for agents (desk users) signing in to the gateway's own API,
 * so that microsoft-mode token validation runs end to end against this identity provider:
 *
 * - `POST /{tenant}/oauth2/v2.0/agent-token` with JSON `{ "audience": "api://<client id>",
 *   "roles": ["HELPDESK_AGENT"], "name"?, "oid"?, "lifetimeSeconds"?, "notBeforeSeconds"?,
 *   "claims"? }` answers `{ access_token }`: a v2.0 user access token issued by that tenant
 *   (`iss` = `<emulator>/<tenant>/v2.0`, `tid`), with the app roles in `roles`. `claims`
 *   overrides any claim (for tests of wrong issuers and the like); `notBeforeSeconds` is added
 *   to now (negative = in the past, default -300, as Entra ID backdates `nbf`).
 * - `POST /{tenant}/discovery/v2.0/keys/rotate` makes a new signing key current; the previous
 *   key stays in the JWKS until the next rotation.
 */
export const AGENT_TOKEN_ROUTES: readonly Route<AgentTokenHandler>[] = [
  defineRoute<AgentTokenHandler>("POST", "/{tenant}/oauth2/v2.0/agent-token", issueAgentToken),
  defineRoute<AgentTokenHandler>("POST", "/{tenant}/discovery/v2.0/keys/rotate", rotateSigningKey),
];

const badRequest = (message: string) => aadError(400, "invalid_request", "AADSTS900144", message);

function tenantOf(call: IdentityCall, ctx: EmulatorContext): string | undefined {
  return ctx.world.resolveTokenTenant(call.params["tenant"] ?? "");
}

async function issueAgentToken(call: IdentityCall, ctx: EmulatorContext): Promise<ApiResult> {
  const tenantId = tenantOf(call, ctx);
  if (tenantId === undefined) return aadError(400, "invalid_request", "AADSTS90002", `Tenant '${call.params["tenant"]}' not found.`);
  let input: Record<string, unknown>;
  try {
    input = JSON.parse(call.body || "{}");
  } catch {
    return badRequest("The body must be JSON.");
  }
  const { audience, roles = [], name, oid, lifetimeSeconds = TOKEN_LIFETIME_SECONDS, notBeforeSeconds = -300, claims = {} } = input;
  if (typeof audience !== "string" || audience === "") return badRequest("'audience' is required (the gateway's application id URI).");
  if (!Array.isArray(roles) || !roles.every((role) => typeof role === "string")) return badRequest("'roles' must be a list of app role names.");
  if (typeof lifetimeSeconds !== "number" || typeof notBeforeSeconds !== "number") return badRequest("'lifetimeSeconds' and 'notBeforeSeconds' must be numbers.");
  if (typeof claims !== "object" || claims === null || Array.isArray(claims)) return badRequest("'claims' must be an object.");
  const displayName = typeof name === "string" ? name : "Emulator Agent";
  const objectId = typeof oid === "string" ? oid : createSeededRandom(hashString(`agent:${tenantId}:${displayName}`)).guid();
  const now = Math.floor(Date.now() / 1000);
  const partner = ctx.world.seed.partner;
  const signer = await agentTokenSignerOf(ctx);
  const accessToken = await signer.sign(
    {
      iss: `${ctx.url}/${tenantId}/v2.0`,
      aud: audience,
      sub: objectId,
      oid: objectId,
      tid: tenantId,
      name: displayName,
      roles,
      azp: partner.clientId,
      idtyp: "user",
      nbf: now + notBeforeSeconds,
      ...(claims as Record<string, unknown>),
    },
    { expiresAt: typeof (claims as { exp?: unknown }).exp === "number" ? (claims as { exp: number }).exp : now + lifetimeSeconds },
  );
  return { status: 200, headers: { "Cache-Control": "no-store" }, body: { token_type: "Bearer", expires_in: lifetimeSeconds, access_token: accessToken } };
}

async function rotateSigningKey(call: IdentityCall, ctx: EmulatorContext): Promise<ApiResult> {
  if (tenantOf(call, ctx) === undefined) return aadError(400, "invalid_request", "AADSTS90002", `Tenant '${call.params["tenant"]}' not found.`);
  const signer = await agentTokenSignerOf(ctx);
  return { status: 200, body: await signer.rotate() };
}
