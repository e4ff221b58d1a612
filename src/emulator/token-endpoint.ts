import { aadError, type ApiResult } from "./api-errors";
import { TOKEN_LIFETIME_SECONDS } from "./token-issuer";

/** What the grants of the token endpoint share: reading `scope`, a missing parameter's refusal, a successful answer. */

/** Scopes MSAL adds to user flows: they ask for an ID token / refresh token, not for a resource. */
export const OIDC_SCOPES = new Set(["openid", "profile", "offline_access", "email"]);

/** The scopes of a space-separated `scope` parameter (none when it is absent). */
export const scopesOf = (scope: string | null | undefined): string[] => (scope ?? "").split(/\s+/).filter((item) => item !== "");

/** The refusal of a request without a parameter its grant needs (AADSTS900144). */
export const missingParameter = (name: string): ApiResult =>
  aadError(400, "invalid_request", "AADSTS900144", `The request body must contain the following parameter: '${name}'.`);

/**
 * Entra ID's token answer (v2-oauth2-client-creds-grant-flow.md, v2-oauth2-on-behalf-of-flow.md,
 * v2-oauth2-auth-code-flow.md): never cached; `scope` when the grant names one, then lifetimes and
 * the access token, then what else the grant hands out (refresh token, ID token, client info).
 */
export function tokenResponse(scope: string | undefined, accessToken: string, extra: Record<string, unknown> = {}): ApiResult {
  return {
    status: 200,
    headers: { "Cache-Control": "no-store, no-cache", Pragma: "no-cache" },
    body: {
      token_type: "Bearer",
      ...(scope === undefined ? {} : { scope }),
      expires_in: TOKEN_LIFETIME_SECONDS,
      ext_expires_in: TOKEN_LIFETIME_SECONDS,
      access_token: accessToken,
      ...extra,
    },
  };
}
