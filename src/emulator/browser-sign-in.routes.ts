import { createHash, randomBytes } from "node:crypto";
import { aadError, type ApiResult } from "./api-errors";
import { agentTokenSignerOf } from "./agent-token.signer";
import { entraAccessTokenClaims, type AgentTokenRequest } from "./agent-token.routes";
import type { EmulatorContext } from "./emulator-context";
import { defineRoute, type Route } from "./http-kit";
import type { IdentityCall } from "./emulator-context";
import { createSeededRandom, hashString } from "./seeded-random";
import { TOKEN_LIFETIME_SECONDS } from "./token-issuer";

/**
 * Entra ID's browser sign-in for the console (authorization code flow with PKCE, as MSAL.js runs
 * it): `GET /{tenant}/oauth2/v2.0/authorize` shows a sign-in page listing the emulator's demo
 * users (one per desk role, each holding that app role); choosing one posts back and redirects
 * to `redirect_uri` with a one-time code; the token endpoint's `authorization_code` grant checks
 * client, redirect URI and the PKCE verifier (S256) and answers an access token for the
 * gateway's API (as agent-token issues them), an ID token with the nonce, and `client_info`.
 */
export const BROWSER_SIGN_IN_ROUTES: readonly Route<(call: IdentityCall, ctx: EmulatorContext) => Promise<ApiResult> | ApiResult>[] = [
  defineRoute("GET", "/{tenant}/oauth2/v2.0/authorize", showSignInPage),
  defineRoute("POST", "/{tenant}/oauth2/v2.0/authorize", signIn),
];

/** The people of the sign-in page: display name and the app role each is assigned. */
export const DEMO_USERS = [
  { name: "Ada Admin", role: "ADMIN_AGENT" },
  { name: "Hugo Helpdesk", role: "HELPDESK_AGENT" },
  { name: "Sam Sales", role: "SALES_AGENT" },
  { name: "Lea Lead", role: "SUPPORT_LEAD" },
] as const;

interface PendingCode {
  tenantId: string;
  clientId: string;
  redirectUri: string;
  codeChallenge: string;
  scope: string;
  nonce: string | null;
  user: (typeof DEMO_USERS)[number];
  expiresAt: number;
}

const CODE_LIFETIME_MS = 5 * 60_000;
const codes = new WeakMap<EmulatorContext, Map<string, PendingCode>>();
const codesOf = (ctx: EmulatorContext) => {
  let map = codes.get(ctx);
  if (!map) codes.set(ctx, (map = new Map<string, PendingCode>()));
  return map;
};

const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] as string);

/** The parameters an authorize request must carry; an error names the first one missing or wrong. */
function authorizeRequest(params: URLSearchParams, call: IdentityCall, ctx: EmulatorContext): { ok: true; tenantId: string } | { ok: false; result: ApiResult } {
  const tenantId = ctx.world.resolveTokenTenant(call.params["tenant"] ?? "");
  if (tenantId === undefined) return { ok: false, result: aadError(400, "invalid_request", "AADSTS90002", `Tenant '${call.params["tenant"]}' not found.`) };
  if (params.get("client_id")?.toLowerCase() !== ctx.world.seed.partner.clientId) {
    return { ok: false, result: aadError(400, "unauthorized_client", "AADSTS700016", `Application with identifier '${params.get("client_id")}' was not found in the directory.`) };
  }
  if (params.get("response_type") !== "code") return { ok: false, result: aadError(400, "unsupported_response_type", "AADSTS900144", "Only response_type=code is supported.") };
  if (!/^https?:\/\/[^/]+\//.test(params.get("redirect_uri") ?? "")) return { ok: false, result: aadError(400, "invalid_request", "AADSTS50011", "The redirect URI must be an absolute http(s) URL.") };
  if (!params.get("code_challenge") || params.get("code_challenge_method") !== "S256") {
    return { ok: false, result: aadError(400, "invalid_request", "AADSTS9002325", "Proof Key for Code Exchange is required for cross-origin authorization code redemption (code_challenge with S256).") };
  }
  return { ok: true, tenantId };
}

function showSignInPage(call: IdentityCall): ApiResult {
  const params = new URLSearchParams(call.query ?? "");
  const hidden = [...params.entries()].map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`).join("");
  const buttons = DEMO_USERS.map((user) => `<li><button type="submit" name="user" value="${user.role}">${escapeHtml(user.name)} <small>(${user.role})</small></button></li>`).join("");
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Sign in to your account (emulator)</title>
<style>body{font-family:system-ui,sans-serif;max-width:440px;margin:48px auto;padding:0 16px;color:#1b1f24}ul{list-style:none;padding:0}li{margin:8px 0}button{width:100%;padding:10px;font:inherit;text-align:left;background:#0f5bb5;color:#fff;border:0;border-radius:4px;cursor:pointer}small{color:#fff}</style></head>
<body><main><h1>Sign in</h1><p>Microsoft cloud emulator: pick an account of the partner tenant.</p>
<form method="post">${hidden}<ul>${buttons}</ul></form></main></body></html>`;
  return { status: 200, headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" }, body: html };
}

function signIn(call: IdentityCall, ctx: EmulatorContext): ApiResult {
  const params = new URLSearchParams(call.body);
  const checked = authorizeRequest(params, call, ctx);
  if (!checked.ok) return checked.result;
  const user = DEMO_USERS.find((candidate) => candidate.role === params.get("user"));
  if (!user) return aadError(400, "invalid_request", "AADSTS50034", "The user account does not exist in the directory.");
  const code = randomBytes(32).toString("base64url");
  const pending = codesOf(ctx);
  for (const [key, value] of pending) if (value.expiresAt < Date.now()) pending.delete(key);
  pending.set(code, {
    tenantId: checked.tenantId,
    clientId: ctx.world.seed.partner.clientId,
    redirectUri: params.get("redirect_uri") as string,
    codeChallenge: params.get("code_challenge") as string,
    scope: params.get("scope") ?? "",
    nonce: params.get("nonce"),
    user,
    expiresAt: Date.now() + CODE_LIFETIME_MS,
  });
  const answer = new URLSearchParams({ code, client_info: clientInfo(ctx, checked.tenantId, user.name), ...(params.get("state") ? { state: params.get("state") as string } : {}) });
  const separator = params.get("response_mode") === "query" ? "?" : "#";
  return { status: 302, headers: { Location: `${params.get("redirect_uri")}${separator}${answer.toString()}`, "Cache-Control": "no-store" } };
}

const userObjectId = (tenantId: string, name: string) => createSeededRandom(hashString(`agent:${tenantId}:${name}`)).guid();
const clientInfo = (ctx: EmulatorContext, tenantId: string, name: string) => Buffer.from(JSON.stringify({ uid: userObjectId(tenantId, name), utid: tenantId })).toString("base64url");

/** The token endpoint's `authorization_code` grant (called from identity.routes' issueToken). */
export async function redeemAuthorizationCode(form: URLSearchParams, tenantKey: string, ctx: EmulatorContext): Promise<ApiResult> {
  const code = form.get("code") ?? "";
  const pending = codesOf(ctx).get(code);
  codesOf(ctx).delete(code); // one use only, as Entra ID
  const invalidGrant = (message: string) => aadError(400, "invalid_grant", "AADSTS70008", message);
  if (!pending || pending.expiresAt < Date.now()) return invalidGrant("The provided authorization code or refresh token has expired or was already redeemed.");
  if (ctx.world.resolveTokenTenant(tenantKey) !== pending.tenantId) return invalidGrant("The code was issued for another tenant.");
  if ((form.get("client_id") ?? "").toLowerCase() !== pending.clientId) return aadError(400, "invalid_client", "AADSTS700016", "The code was issued to another application.");
  if (form.get("redirect_uri") !== pending.redirectUri) return aadError(400, "invalid_grant", "AADSTS50011", "The redirect URI does not match the one of the authorization request.");
  const verifier = form.get("code_verifier") ?? "";
  if (createHash("sha256").update(verifier).digest("base64url") !== pending.codeChallenge) return aadError(400, "invalid_grant", "AADSTS501481", "The Code_Verifier does not match the code_challenge supplied in the authorization request.");

  const partner = ctx.world.seed.partner;
  const now = Math.floor(Date.now() / 1000);
  const oid = userObjectId(pending.tenantId, pending.user.name);
  const userName = `${pending.user.name.toLowerCase().replace(/[^a-z0-9]+/g, ".")}@${partner.domain}`;
  const request: AgentTokenRequest = {
    version: "1.0",
    stsUrl: ctx.url,
    tenantId: pending.tenantId,
    apiClientId: partner.clientId,
    resource: `api://${partner.clientId}`,
    clientAppId: pending.clientId,
    appOnly: false,
    optionalClaims: [],
    oid,
    name: pending.user.name,
    userName,
    scp: "access_as_user",
    roles: [pending.user.role],
    issuedAt: now,
    notBefore: now - 300,
    expiresAt: now + TOKEN_LIFETIME_SECONDS,
  };
  const signer = await agentTokenSignerOf(ctx);
  const accessToken = await signer.sign(entraAccessTokenClaims(request), { version: "1.0" });
  const idToken = await signer.sign(
    {
      aud: pending.clientId,
      iss: `${ctx.url}/${pending.tenantId}/v2.0`,
      iat: now,
      nbf: now - 300,
      exp: now + TOKEN_LIFETIME_SECONDS,
      name: pending.user.name,
      oid,
      preferred_username: userName,
      sub: createHash("sha256").update(`${oid}:${pending.clientId}`).digest("base64url").slice(0, 43),
      tid: pending.tenantId,
      ver: "2.0",
      ...(pending.nonce ? { nonce: pending.nonce } : {}),
    },
    { version: "2.0" },
  );
  return {
    status: 200,
    headers: { "Cache-Control": "no-store, no-cache", Pragma: "no-cache" },
    body: {
      token_type: "Bearer",
      scope: pending.scope,
      expires_in: TOKEN_LIFETIME_SECONDS,
      ext_expires_in: TOKEN_LIFETIME_SECONDS,
      access_token: accessToken,
      id_token: idToken,
      client_info: clientInfo(ctx, pending.tenantId, pending.user.name),
      ...(pending.scope.split(/\s+/).includes("offline_access") ? { refresh_token: randomBytes(48).toString("base64url") } : {}),
    },
  };
}
