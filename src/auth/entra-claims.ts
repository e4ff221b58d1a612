import { isAgentRole, type Agent, type AgentRole } from "./agent";
import type { AccessTokenVersion } from "./entra-issuers";
import { TokenRefusalReason, tokenRefused } from "./token-refusal";

const nonEmpty = (value: unknown): string | undefined => (typeof value === "string" && value.trim() !== "" ? value : undefined);

/**
 * The user's sign-in name as Entra writes it (access-token-claims-reference.md): `upn` or
 * `unique_name` in v1.0 tokens, `preferred_username` in v2.0 tokens (both need the `profile`
 * scope, so either may be absent). For display only, never for authorization.
 */
export function entraUserName(payload: Record<string, unknown>, version: AccessTokenVersion): string | undefined {
  return version === "1.0" ? nonEmpty(payload.upn) ?? nonEmpty(payload.unique_name) : nonEmpty(payload.preferred_username);
}

/**
 * An app-only (client credentials) token, by the Entra claims reference: `idtyp` is `app` when the
 * resource asked for that optional claim (optional-claims-reference.md), and `scp` is "only
 * included for user tokens", so a token without a delegated scope has no signed-in user. The user
 * name claims are not used for this: they are optional (`profile` scope) even in user tokens.
 */
export function isAppOnlyToken(payload: Record<string, unknown>): boolean {
  return payload.idtyp === "app" || nonEmpty(payload.scp) === undefined;
}

/**
 * Reads the desk agent out of a verified Entra user token: `oid` (else `sub`) as id, `name` (else
 * the user name) for display, and exactly one desk role among the app roles in `roles`. Two desk
 * roles are refused rather than picking one: the token alone cannot say which the user meant.
 */
export function agentFromEntraClaims(payload: Record<string, unknown>, version: AccessTokenVersion): Agent {
  if (isAppOnlyToken(payload)) {
    throw tokenRefused(TokenRefusalReason.APP_ONLY, "Token is an app-only token (no signed-in user); agents sign in as themselves");
  }
  const id = nonEmpty(payload.oid) ?? nonEmpty(payload.sub);
  if (id === undefined) throw tokenRefused(TokenRefusalReason.NO_SUBJECT, "Token has no subject");
  const roles: AgentRole[] = Array.isArray(payload.roles) ? [...new Set(payload.roles.filter(isAgentRole))] : [];
  if (roles.length === 0) throw tokenRefused(TokenRefusalReason.NO_ROLE, "Token carries no desk role");
  if (roles.length > 1) {
    throw tokenRefused(TokenRefusalReason.MULTIPLE_ROLES, `Token carries more than one desk role (${roles.join(", ")}); assign the user exactly one`, { roles });
  }
  const displayName = nonEmpty(payload.name) ?? entraUserName(payload, version) ?? id;
  return { id, displayName, role: roles[0]! };
}
