import { createHash, randomBytes } from "node:crypto";
import { DEMO_AGENTS } from "../auth/demo-agents";
import { aadError, type ApiResult } from "./api-errors";
import { agentTokenSignerOf } from "./agent-token.signer";
import { entraAccessTokenClaims, unknownTenant, type AgentTokenRequest } from "./agent-token.routes";
import type { EmulatorContext, IdentityCall } from "./emulator-context";
import { defineRoute, type Route } from "./http-kit";
import { createSeededRandom, hashString } from "./seeded-random";
import { missingParameter, OIDC_SCOPES, scopesOf, tokenResponse } from "./token-endpoint";
import { TOKEN_LIFETIME_SECONDS } from "./token-issuer";

/**
 * Entra ID's browser sign-in for the console (authorization code flow with PKCE, as MSAL.js runs
 * it): `GET /{tenant}/oauth2/v2.0/authorize` shows a sign-in page listing the emulator's demo
 * users (one per desk role, each holding that app role); choosing one posts back and redirects
 * to `redirect_uri` with a one-time code; the token endpoint's `authorization_code` grant checks
 * client, redirect URI and the PKCE verifier and answers an access token for the gateway's API
 * (as agent-token issues them), an ID token with the nonce, and `client_info`.
 *
 * Shapes as entra-docs v2-oauth2-auth-code-flow.md publishes them (fixtures under
 * test/fixtures/microsoft/entra/auth-code-flow, SOURCES.md): the answer goes back in the
 * `response_mode` asked for (query by default for a code, fragment, or form_post); errors the
 * app can handle are redirected as `error` + `error_description` (+ `state`); an unknown tenant
 * or client or an unusable redirect URI is shown, never redirected (RFC 6749 4.1.2.1). The token
 * answer carries `refresh_token` only for `offline_access` and `id_token` only for `openid`;
 * `client_info` only when MSAL asks for it (`client_info=1`, MSAL.js AuthorizeResponse /
 * ServerAuthorizationTokenResponse).
 */
export const BROWSER_SIGN_IN_ROUTES: readonly Route<(call: IdentityCall, ctx: EmulatorContext) => Promise<ApiResult> | ApiResult>[] = [
  defineRoute("GET", "/{tenant}/oauth2/v2.0/authorize", showSignInPage),
  defineRoute("POST", "/{tenant}/oauth2/v2.0/authorize", signIn),
];

/** The people of the sign-in page: the gateway's demo agents, by display name and the app role each is assigned. */
const DEMO_USERS = Object.values(DEMO_AGENTS).map((agent) => ({ name: agent.displayName, role: agent.role }));

/** An authorization code not yet redeemed (`expiresAt`: the code's own end) and what its redemption must match. */
interface PendingCode extends RefreshGrant {
  redirectUri: string;
  codeChallenge: string;
  codeChallengeMethod: "S256" | "plain";
  nonce: string | null;
}

/** "Authorization codes are short lived. Typically, they expire after about 10 minutes." */
const CODE_LIFETIME_MS = 10 * 60_000;
/** What a refresh token stands for: the sign-in it came from, and when its fixed SPA lifetime ends. */
interface RefreshGrant {
  tenantId: string;
  clientId: string;
  scope: string;
  clientInfo: boolean;
  user: (typeof DEMO_USERS)[number];
  expiresAt: number;
}

/**
 * "For refresh tokens sent to a redirect URI registered as spa, the refresh token expires after 24
 * hours. Additional refresh tokens acquired using the initial refresh token carries over that
 * expiration time" (v2-oauth2-auth-code-flow.md, "Refresh the access token").
 */
const SPA_REFRESH_LIFETIME_MS = 24 * 3_600_000;

interface CodeBook {
  pending: Map<string, PendingCode>;
  /** Redeemed codes until they would have expired, so a second redemption is told so (AADSTS54005). */
  redeemed: Map<string, number>;
  /** Refresh tokens handed out; a used one stays valid ("Refresh tokens aren't revoked when used"). */
  refresh: Map<string, RefreshGrant>;
}
const codes = new WeakMap<EmulatorContext, CodeBook>();
const codesOf = (ctx: EmulatorContext): CodeBook => {
  let book = codes.get(ctx);
  if (!book) codes.set(ctx, (book = { pending: new Map(), redeemed: new Map(), refresh: new Map() }));
  const now = Date.now();
  for (const [key, value] of book.pending) if (value.expiresAt < now) book.pending.delete(key);
  for (const [key, expiresAt] of book.redeemed) if (expiresAt < now) book.redeemed.delete(key);
  // Expired refresh tokens are kept a day longer so a late use is told it expired (AADSTS700084).
  for (const [key, value] of book.refresh) if (value.expiresAt + SPA_REFRESH_LIFETIME_MS < now) book.refresh.delete(key);
  return book;
};

const RESPONSE_MODES = ["query", "fragment", "form_post"] as const;
type ResponseMode = (typeof RESPONSE_MODES)[number];

const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] as string);

/** Where an authorize answer goes: the app's redirect URI, in the response mode it asked for. */
interface ReturnAddress {
  redirectUri: string;
  responseMode: ResponseMode;
  state: string | null;
}

type AuthorizeCheck =
  | { ok: true; tenantId: string; back: ReturnAddress; codeChallengeMethod: "S256" | "plain" }
  /** Shown to the user: the app or its redirect URI cannot be trusted with an answer. */
  | { ok: false; result: ApiResult }
  /** Sent back to the app as `error` + `error_description`. */
  | { ok: false; back: ReturnAddress; error: string; description: string };

/** The parameters an authorize request must carry; an error names the first one missing or wrong. */
function authorizeRequest(params: URLSearchParams, call: IdentityCall, ctx: EmulatorContext): AuthorizeCheck {
  const tenantId = ctx.world.resolveTokenTenant(call.params["tenant"] ?? "");
  if (tenantId === undefined) return { ok: false, result: unknownTenant(call) };
  if (params.get("client_id")?.toLowerCase() !== ctx.world.seed.partner.clientId) {
    return { ok: false, result: aadError(400, "unauthorized_client", "AADSTS700016", `Application with identifier '${params.get("client_id")}' was not found in the directory.`) };
  }
  const redirectUri = params.get("redirect_uri") ?? "";
  if (!/^https?:\/\/[^/]+\//.test(redirectUri)) return { ok: false, result: aadError(400, "invalid_request", "AADSTS50011", "The redirect URI must be an absolute http(s) URL.") };
  const mode = params.get("response_mode") ?? "query";
  if (!(RESPONSE_MODES as readonly string[]).includes(mode)) {
    return { ok: false, result: aadError(400, "invalid_request", "AADSTS70007", `The response_mode '${mode}' is not supported; use query, fragment or form_post.`) };
  }
  const back: ReturnAddress = { redirectUri, responseMode: mode as ResponseMode, state: params.get("state") };
  if (params.get("response_type") !== "code") {
    return { ok: false, back, error: "unsupported_response_type", description: "AADSTS70005: The emulator supports response_type=code only." };
  }
  // PKCE: required for single page apps; S256 or plain, plain when the method is left out (v2-oauth2-auth-code-flow.md).
  const method = params.get("code_challenge_method") ?? "plain";
  if (!params.get("code_challenge") || (method !== "S256" && method !== "plain")) {
    return { ok: false, back, error: "invalid_request", description: "AADSTS9002325: Proof Key for Code Exchange is required for cross-origin authorization code redemption (code_challenge with S256 or plain)." };
  }
  return { ok: true, tenantId, back, codeChallengeMethod: method };
}

const hiddenInputs = (fields: Iterable<[string, string]>) =>
  [...fields].map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`).join("");

const answerPage = (redirectUri: string, fields: Record<string, string>) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Working...</title></head><body onload="document.forms[0].submit()"><form method="post" action="${escapeHtml(redirectUri)}">` +
  `${hiddenInputs(Object.entries(fields))}<noscript><button type="submit">Continue</button></noscript></form></body></html>`;

/** The authorize answer (code or error) at the app's redirect URI, the way `response_mode` asks. */
function answerTo(back: ReturnAddress, fields: Record<string, string>): ApiResult {
  const answer = { ...fields, ...(back.state !== null ? { state: back.state } : {}) };
  if (back.responseMode === "form_post") {
    return { status: 200, headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" }, body: answerPage(back.redirectUri, answer) };
  }
  const encoded = new URLSearchParams(answer).toString();
  const location = back.responseMode === "fragment" ? `${back.redirectUri}#${encoded}` : `${back.redirectUri}${back.redirectUri.includes("?") ? "&" : "?"}${encoded}`;
  return { status: 302, headers: { Location: location, "Cache-Control": "no-store" } };
}

const refusedTo = (checked: Extract<AuthorizeCheck, { ok: false }>): ApiResult =>
  "result" in checked ? checked.result : answerTo(checked.back, { error: checked.error, error_description: checked.description });

function showSignInPage(call: IdentityCall): ApiResult {
  const params = new URLSearchParams(call.query);
  const hidden = hiddenInputs(params.entries());
  const buttons = DEMO_USERS.map((user) => `<li><button type="submit" name="user" value="${user.role}">${escapeHtml(user.name)} <small>(${user.role})</small></button></li>`).join("");
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Sign in to your account (emulator)</title>
<style>body{font-family:system-ui,sans-serif;max-width:440px;margin:48px auto;padding:0 16px;color:#1b1f24}ul{list-style:none;padding:0}li{margin:8px 0}button{width:100%;padding:10px;font:inherit;text-align:left;background:#0f5bb5;color:#fff;border:0;border-radius:4px;cursor:pointer}small{color:#fff}</style></head>
<body><main><h1>Sign in</h1><p>Microsoft cloud emulator: pick an account of the partner tenant.</p>
<form method="post">${hidden}<ul>${buttons}</ul><p><button type="submit" name="cancel" value="1" style="background:#5b6470">Cancel</button></p></form></main></body></html>`;
  return { status: 200, headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" }, body: html };
}

function signIn(call: IdentityCall, ctx: EmulatorContext): ApiResult {
  const params = new URLSearchParams(call.body);
  const checked = authorizeRequest(params, call, ctx);
  if (!checked.ok) return refusedTo(checked);
  if (params.get("cancel") !== null) return answerTo(checked.back, { error: "access_denied", error_description: "AADSTS65004: User declined to consent to access the app." });
  const user = DEMO_USERS.find((candidate) => candidate.role === params.get("user"));
  if (!user) return aadError(400, "invalid_request", "AADSTS50034", "The user account does not exist in the directory.");
  const code = randomBytes(32).toString("base64url");
  const clientInfoAsked = params.get("client_info") === "1";
  codesOf(ctx).pending.set(code, {
    tenantId: checked.tenantId,
    clientId: ctx.world.seed.partner.clientId,
    redirectUri: checked.back.redirectUri,
    codeChallenge: params.get("code_challenge") as string,
    codeChallengeMethod: checked.codeChallengeMethod,
    scope: params.get("scope") ?? "",
    nonce: params.get("nonce"),
    clientInfo: clientInfoAsked,
    user,
    expiresAt: Date.now() + CODE_LIFETIME_MS,
  });
  return answerTo(checked.back, { code, ...(clientInfoAsked ? { client_info: clientInfo(checked.tenantId, user.name) } : {}) });
}

const userObjectId = (tenantId: string, name: string) => createSeededRandom(hashString(`agent:${tenantId}:${name}`)).guid();
const clientInfo = (tenantId: string, name: string) => Buffer.from(JSON.stringify({ uid: userObjectId(tenantId, name), utid: tenantId })).toString("base64url");

/** The refusal of a redemption whose `client_id` is missing or not the partner's app (the console is a public client). */
function refusedPublicClient(form: URLSearchParams, tenantKey: string, ctx: EmulatorContext): ApiResult | undefined {
  const clientId = (form.get("client_id") ?? "").toLowerCase();
  if (clientId === "") return missingParameter("client_id");
  if (clientId === ctx.world.seed.partner.clientId) return undefined;
  return aadError(400, "unauthorized_client", "AADSTS700016", `Application with identifier '${form.get("client_id")}' was not found in the directory '${tenantKey}'.`);
}

/** The token endpoint's `authorization_code` grant (called from identity.routes' issueToken). */
export async function redeemAuthorizationCode(form: URLSearchParams, tenantKey: string, ctx: EmulatorContext): Promise<ApiResult> {
  const refused = refusedPublicClient(form, tenantKey, ctx);
  if (refused) return refused;
  const code = form.get("code") ?? "";
  if (code === "") return missingParameter("code");
  const book = codesOf(ctx);
  const pending = book.pending.get(code);
  if (!pending) {
    if (book.redeemed.has(code)) return aadError(400, "invalid_grant", "AADSTS54005", "OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token.");
    return aadError(400, "invalid_grant", "AADSTS9002313", "Invalid request. Request is malformed or invalid.");
  }
  // One use only, as Entra ID: a failed redemption uses the code up as well.
  book.pending.delete(code);
  book.redeemed.set(code, pending.expiresAt);
  if (ctx.world.resolveTokenTenant(tenantKey) !== pending.tenantId) {
    return aadError(400, "invalid_grant", "AADSTS700005", "Provided Authorization Code is intended to use against other tenant, thus rejected.");
  }
  if (form.get("redirect_uri") !== pending.redirectUri) return aadError(400, "invalid_grant", "AADSTS50011", "The redirect URI does not match the one of the authorization request.");
  const verifier = form.get("code_verifier") ?? "";
  const transformed = pending.codeChallengeMethod === "S256" ? createHash("sha256").update(verifier).digest("base64url") : verifier;
  if (verifier === "" || transformed !== pending.codeChallenge) {
    return aadError(400, "invalid_grant", "AADSTS501481", "The Code_Verifier does not match the code_challenge supplied in the authorization request.");
  }

  const grant: RefreshGrant = { tenantId: pending.tenantId, clientId: pending.clientId, scope: pending.scope, clientInfo: pending.clientInfo, user: pending.user, expiresAt: Date.now() + SPA_REFRESH_LIFETIME_MS };
  return issueUserTokens(grant, form, pending.nonce, ctx);
}

/** The token endpoint's `refresh_token` grant (called from identity.routes' issueToken). */
export async function redeemRefreshToken(form: URLSearchParams, tenantKey: string, ctx: EmulatorContext): Promise<ApiResult> {
  const refused = refusedPublicClient(form, tenantKey, ctx);
  if (refused) return refused;
  const token = form.get("refresh_token") ?? "";
  if (token === "") return missingParameter("refresh_token");
  const grant = codesOf(ctx).refresh.get(token);
  if (!grant || grant.clientId !== ctx.world.seed.partner.clientId || ctx.world.resolveTokenTenant(tenantKey) !== grant.tenantId) {
    return aadError(400, "invalid_grant", "AADSTS9002313", "Invalid request. Request is malformed or invalid.");
  }
  if (grant.expiresAt < Date.now()) {
    return aadError(400, "invalid_grant", "AADSTS700084", "The refresh token was issued to a single page app (SPA), and therefore has a fixed, limited lifetime of 1.00:00:00, which can't be extended. It is now expired and a new sign in request must be sent by the SPA to the sign in page.");
  }
  // "The scopes requested in this leg must be equivalent to or a subset of the scopes requested in the original" leg.
  const original = new Set(scopesOf(grant.scope).map((item) => item.toLowerCase()));
  const beyond = scopesOf(form.get("scope")).filter((item) => !OIDC_SCOPES.has(item.toLowerCase()) && !original.has(item.toLowerCase()));
  if (beyond.length > 0) return aadError(400, "invalid_scope", "AADSTS70011", `The provided value for the input parameter 'scope' is not valid. The scope ${beyond.join(" ")} was not part of the original sign-in.`);
  return issueUserTokens(grant, form, null, ctx);
}

/** An access token for the gateway's API, plus the ID and refresh tokens the scopes ask for. */
async function issueUserTokens(grant: RefreshGrant, form: URLSearchParams, nonce: string | null, ctx: EmulatorContext): Promise<ApiResult> {
  const partner = ctx.world.seed.partner;
  const now = Math.floor(Date.now() / 1000);
  const oid = userObjectId(grant.tenantId, grant.user.name);
  const userName = `${grant.user.name.toLowerCase().replace(/[^a-z0-9]+/g, ".")}@${partner.domain}`;
  const request: AgentTokenRequest = {
    version: "1.0",
    stsUrl: ctx.url,
    tenantId: grant.tenantId,
    apiClientId: partner.clientId,
    resource: `api://${partner.clientId}`,
    clientAppId: grant.clientId,
    appOnly: false,
    optionalClaims: [],
    oid,
    name: grant.user.name,
    userName,
    scp: "access_as_user",
    roles: [grant.user.role],
    issuedAt: now,
    notBefore: now - 300,
    expiresAt: now + TOKEN_LIFETIME_SECONDS,
  };
  const signer = await agentTokenSignerOf(ctx);
  const accessToken = await signer.sign(entraAccessTokenClaims(request), { version: "1.0" });
  // The scope of the redemption if it names one (a Microsoft extension), else the authorize request's.
  const asked = scopesOf(form.get("scope") ?? grant.scope);
  const granted = new Set([...asked, ...scopesOf(grant.scope)].map((item) => item.toLowerCase()));
  // id-token-claims-reference.md: name, preferred_username and oid need the profile scope.
  const profile = granted.has("profile")
    ? { name: grant.user.name, oid, preferred_username: userName }
    : {};
  const idToken = granted.has("openid")
    ? await signer.sign(
        {
          aud: grant.clientId,
          iss: `${ctx.url}/${grant.tenantId}/v2.0`,
          iat: now,
          nbf: now - 300,
          exp: now + TOKEN_LIFETIME_SECONDS,
          ...profile,
          sub: createHash("sha256").update(`${oid}:${grant.clientId}`).digest("base64url").slice(0, 43),
          tid: grant.tenantId,
          ...(nonce ? { nonce } : {}),
          aio: randomBytes(48).toString("base64url"),
          ver: "2.0",
        },
        { version: "2.0" },
      )
    : undefined;
  // "The scopes that the access_token is valid for": the API's, not the OpenID Connect ones.
  const apiScopes = asked.filter((item) => !OIDC_SCOPES.has(item.toLowerCase()));
  const clientInfoAsked = form.get("client_info") === "1" || grant.clientInfo;
  return tokenResponse((apiScopes.length > 0 ? apiScopes : [`api://${partner.clientId}/access_as_user`]).join(" "), accessToken, {
    ...(granted.has("offline_access") ? { refresh_token: newRefreshToken(grant, ctx) } : {}),
    ...(idToken !== undefined ? { id_token: idToken } : {}),
    ...(clientInfoAsked ? { client_info: clientInfo(grant.tenantId, grant.user.name) } : {}),
  });
}

/** A new refresh token for the same sign-in, with the lifetime of the first one carried over. */
function newRefreshToken(grant: RefreshGrant, ctx: EmulatorContext): string {
  const token = randomBytes(48).toString("base64url");
  codesOf(ctx).refresh.set(token, grant);
  return token;
}
