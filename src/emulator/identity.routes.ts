import { randomBytes } from "node:crypto";
import { compactVerify, createLocalJWKSet, decodeJwt } from "jose";
import { aadError, type ApiResult } from "./api-errors";
import { AGENT_TOKEN_ROUTES, signingKeysDocument } from "./agent-token.routes";
import { BROWSER_SIGN_IN_ROUTES, redeemAuthorizationCode, redeemRefreshToken } from "./browser-sign-in.routes";
import { publishedAgentKeys } from "./agent-token.signer";
import type { EmulatorContext, IdentityCall } from "./emulator-context";
import { defineRoute, type Route } from "./http-kit";
import { createSeededRandom, hashString } from "./seeded-random";
import { missingParameter, OIDC_SCOPES, scopesOf, tokenResponse } from "./token-endpoint";
import { RESOURCE, type Resource } from "./token-issuer";

type IdentityHandler = (call: IdentityCall, ctx: EmulatorContext) => ApiResult | Promise<ApiResult>;

/** Local Entra ID stand-in: token endpoint, OpenID metadata and signing keys, per tenant. */
export const IDENTITY_ROUTES: readonly Route<IdentityHandler>[] = [
  defineRoute<IdentityHandler>("POST", "/{tenant}/oauth2/v2.0/token", issueToken),
  defineRoute<IdentityHandler>("GET", "/{tenant}/v2.0/.well-known/openid-configuration", openIdConfiguration),
  defineRoute<IdentityHandler>("GET", "/{tenant}/discovery/v2.0/keys", signingKeys),
  ...AGENT_TOKEN_ROUTES,
  ...BROWSER_SIGN_IN_ROUTES,
];

export const TOKEN_ROUTE_KEY = "POST /{tenant}/oauth2/v2.0/token";

const unknownTenant = (tenant: string) =>
  aadError(400, "invalid_request", "AADSTS90002", `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`);

/**
 * `https://graph.microsoft.com/.default` -> the Graph resource; anything else -> undefined.
 * With `allowOidcScopes` (user flows) the OpenID Connect scopes may come along, as Entra ID allows.
 */
function resourceOfScope(scope: string | null, allowOidcScopes = false): Resource | undefined {
  const scopes = scopesOf(scope).filter((item) => !(allowOidcScopes && OIDC_SCOPES.has(item.toLowerCase())));
  if (scopes.length !== 1) return undefined;
  const match = /^(https:\/\/[^/]+)\/+\.default$/i.exec(scopes[0] as string);
  const resource = match?.[1]?.toLowerCase();
  return Object.values(RESOURCE).find((r) => r === resource);
}

function clientCredentials(call: IdentityCall, form: URLSearchParams): { id: string | null; secret: string | null } {
  const basic = /^Basic\s+(.+)$/i.exec(call.headers["authorization"] ?? "");
  if (basic) {
    const [id, ...rest] = Buffer.from(basic[1] as string, "base64").toString("utf8").split(":");
    return { id: decodeURIComponent(id ?? ""), secret: decodeURIComponent(rest.join(":")) };
  }
  return { id: form.get("client_id"), secret: form.get("client_secret") };
}

/** POST /{tenant}/oauth2/v2.0/token with the client credentials grant. */
async function issueToken(call: IdentityCall, ctx: EmulatorContext): Promise<ApiResult> {
  const tenantKey = call.params["tenant"] ?? "";
  const tenantId = ctx.world.resolveTokenTenant(tenantKey);
  if (tenantId === undefined) return unknownTenant(tenantKey);
  const form = new URLSearchParams(call.body);
  const grantType = form.get("grant_type");
  // The console's sign-in (a public client: PKCE instead of a secret).
  if (grantType === "authorization_code") return redeemAuthorizationCode(form, tenantKey, ctx);
  if (grantType === "refresh_token") return redeemRefreshToken(form, tenantKey, ctx);
  if (grantType !== "client_credentials" && grantType !== JWT_BEARER_GRANT) {
    return aadError(400, "unsupported_grant_type", "AADSTS70003", "The app requested an unsupported grant type; the emulator supports authorization_code, refresh_token, client_credentials and the on-behalf-of jwt-bearer grant.");
  }
  const { id, secret } = clientCredentials(call, form);
  if (!id) return missingParameter("client_id");
  const partner = ctx.world.seed.partner;
  if (id.toLowerCase() !== partner.clientId) {
    return aadError(401, "invalid_client", "AADSTS700016", `Application with identifier '${id}' was not found in the directory '${tenantKey}'.`);
  }
  if (secret !== partner.clientSecret) {
    return aadError(401, "invalid_client", "AADSTS7000215", "Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID.");
  }
  const audience = resourceOfScope(form.get("scope"), grantType === JWT_BEARER_GRANT);
  if (!audience) {
    return aadError(400, "invalid_scope", "AADSTS70011", `The provided value for the input parameter 'scope' is not valid. Use ${RESOURCE.GRAPH}/.default or ${RESOURCE.PARTNER_CENTER}/.default.`);
  }
  if (grantType === JWT_BEARER_GRANT) return onBehalfOf(form, tenantId, audience, ctx);
  // Entra ID's client credentials response (v2-oauth2-client-creds-grant-flow.md): no scope, no refresh token.
  // The app's service principal has its own object id in every tenant it is consented in.
  const objectId = createSeededRandom(hashString(`sp:${tenantId}:${partner.clientId}`)).guid();
  const accessToken = await ctx.issuer.issue({ tenantId, clientId: partner.clientId, audience, objectId });
  return tokenResponse(undefined, accessToken);
}

const JWT_BEARER_GRANT = "urn:ietf:params:oauth:grant-type:jwt-bearer";

/**
 * The on-behalf-of flow (App+User): the gateway trades the signed-in agent's access token (the
 * `assertion`) for a user token to the requested API. Like Entra ID, an assertion outside its
 * exp/nbf window is refused with AADSTS500133. An assertion this emulator issued (an agent token
 * of microsoft mode) is checked as Entra ID checks it: its signature against the published keys
 * and its `aud`, which must name the app presenting it (v2-oauth2-on-behalf-of-flow.md), else
 * AADSTS50013. Sandbox mode's agent tokens come from the gateway's own sandbox identity, whose
 * keys the emulator does not hold: only their time window and subject are checked.
 */
async function onBehalfOf(form: URLSearchParams, tenantId: string, audience: Resource, ctx: EmulatorContext): Promise<ApiResult> {
  if (form.get("requested_token_use") !== "on_behalf_of") {
    return aadError(400, "invalid_request", "AADSTS90014", "The request body must contain the following parameter: 'requested_token_use' = 'on_behalf_of'.");
  }
  const assertion = form.get("assertion");
  let claims: Record<string, unknown>;
  try {
    if (!assertion) throw new Error("missing");
    claims = decodeJwt(assertion);
  } catch {
    return aadError(400, "invalid_grant", "AADSTS50027", "JWT token is invalid or malformed.");
  }
  const now = Math.floor(Date.now() / 1000);
  const exp = typeof claims["exp"] === "number" ? claims["exp"] : 0;
  const nbf = typeof claims["nbf"] === "number" ? claims["nbf"] : 0;
  if (exp <= now || nbf > now + 300) {
    return aadError(400, "invalid_grant", "AADSTS500133", "Assertion is not within its valid time range. Ensure that the access token is not expired before using it for user assertion.");
  }
  const subject = String(claims["oid"] ?? claims["sub"] ?? "");
  if (subject === "") return aadError(400, "invalid_grant", "AADSTS50027", "JWT token has no subject.");
  const partner = ctx.world.seed.partner;
  if (typeof claims["iss"] === "string" && claims["iss"].startsWith(`${ctx.url}/`)) {
    const refusal = await refuseOwnAssertion(assertion as string, claims, partner.clientId, ctx);
    if (refusal) return refusal;
  }
  const user = { objectId: createSeededRandom(hashString(`user:${subject}`)).guid(), name: String(claims["name"] ?? subject) };
  const accessToken = await ctx.issuer.issueUser({ tenantId, clientId: partner.clientId, audience, user });
  // Entra ID's on-behalf-of response (v2-oauth2-on-behalf-of-flow.md): the granted scope, and a
  // refresh token only when offline_access was asked for.
  const wantsRefreshToken = scopesOf(form.get("scope")).some((item) => item.toLowerCase() === "offline_access");
  return tokenResponse(`${audience}/user_impersonation`, accessToken, {
    ...(wantsRefreshToken ? { refresh_token: randomBytes(48).toString("base64url") } : {}),
  });
}

/** Signature and audience of an assertion the emulator issued; undefined when Entra ID would accept it. */
async function refuseOwnAssertion(assertion: string, claims: Record<string, unknown>, clientId: string, ctx: EmulatorContext): Promise<ApiResult | undefined> {
  const keys = await publishedAgentKeys(ctx);
  try {
    await compactVerify(assertion, createLocalJWKSet({ keys }), { algorithms: ["RS256"] });
  } catch {
    return aadError(400, "invalid_grant", "AADSTS50013", "Assertion failed signature validation. [Reason - The key was not found.]");
  }
  const accepted = [clientId, `api://${clientId}`, `api://${clientId}/`];
  const audience = String(claims["aud"] ?? "");
  if (!accepted.includes(audience.toLowerCase())) {
    return aadError(400, "invalid_grant", "AADSTS50013", `Assertion audience does not match the Client app presenting the assertion. The audience in the assertion was '${audience}' and the expected audience is '${clientId}' or one of the Application Uris of this application with App ID '${clientId}'.`);
  }
  return undefined;
}

function metadataTenant(tenantKey: string, ctx: EmulatorContext): string | undefined {
  if (["common", "organizations"].includes(tenantKey.toLowerCase())) return "{tenantid}";
  return ctx.world.resolveTokenTenant(tenantKey);
}

function openIdConfiguration(call: IdentityCall, ctx: EmulatorContext): ApiResult {
  const tenantKey = call.params["tenant"] ?? "";
  const tenantId = metadataTenant(tenantKey, ctx);
  if (tenantId === undefined) return unknownTenant(tenantKey);
  const base = `${ctx.url}/${tenantKey}`;
  return {
    status: 200,
    body: {
      token_endpoint: `${base}/oauth2/v2.0/token`,
      token_endpoint_auth_methods_supported: ["client_secret_post", "client_secret_basic"],
      jwks_uri: `${base}/discovery/v2.0/keys`,
      // Published as Graph's `/oidc/userinfo` (v2-protocols-oidc.md); here on the emulator's Graph origin (not served).
      userinfo_endpoint: `${ctx.url}/oidc/userinfo`,
      response_modes_supported: ["query", "fragment", "form_post"],
      subject_types_supported: ["pairwise"],
      id_token_signing_alg_values_supported: ["RS256"],
      response_types_supported: ["code", "id_token", "code id_token", "id_token token"],
      scopes_supported: ["openid", "profile", "email", "offline_access"],
      issuer: `${ctx.url}/${tenantId}/v2.0`,
      request_uri_parameter_supported: false,
      authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
      device_authorization_endpoint: `${base}/oauth2/v2.0/devicecode`,
      end_session_endpoint: `${base}/oauth2/v2.0/logout`,
      claims_supported: ["sub", "iss", "cloud_instance_name", "cloud_instance_host_name", "cloud_graph_host_name", "msgraph_host", "aud", "exp", "iat", "auth_time", "acr", "nonce", "preferred_username", "name", "tid", "ver", "at_hash", "c_hash", "email"],
      tenant_region_scope: "EU",
      cloud_instance_name: "localhost",
      grant_types_supported: ["authorization_code", "refresh_token", "client_credentials", JWT_BEARER_GRANT],
      code_challenge_methods_supported: ["S256"],
    },
  };
}

async function signingKeys(call: IdentityCall, ctx: EmulatorContext): Promise<ApiResult> {
  const tenantKey = call.params["tenant"] ?? "";
  return metadataTenant(tenantKey, ctx) === undefined ? unknownTenant(tenantKey) : signingKeysDocument(ctx);
}
