import { createRemoteJWKSet, customFetch, decodeJwt, errors as joseErrors, jwtVerify, type JWTPayload } from "jose";
import { Agent as UndiciAgent } from "undici";
import type { Agent } from "./agent";
import type { BearerTokenVerifier } from "./bearer-token-verifier";
import { agentFromEntraClaims } from "./entra-claims";
import { issuersFor, type AccessTokenVersion } from "./entra-issuers";
import { TokenRefusalReason, tokenRefused } from "./token-refusal";

export interface EntraTokenVerifierSettings {
  /** Where the signing keys are published, e.g. https://login.microsoftonline.com (or the emulator). */
  authorityHost: string;
  /** Accepted `iss` templates with `{tenantid}` (entraTokenIssuers); v2.0 ones end in /v2.0. */
  issuers: readonly string[];
  partnerTenantId: string;
  /** The gateway's application (client) id: the one audience of v2.0 tokens. */
  clientId: string;
  /** Audiences accepted in v1.0 tokens: App ID URIs and/or the client id. */
  audiences: readonly string[];
  /** PEM of a CA to trust for the JWKS fetch only (the emulator's certificate). */
  caCertPem?: string;
  /** Least time between refetches triggered by an unknown key id (default 30 s). */
  jwksRefreshCooldownMs?: number;
  /** Timeout of one JWKS fetch (default 5 s). */
  timeoutMs?: number;
  /** Clock skew accepted on exp / nbf, in seconds (default 60). */
  clockToleranceSeconds?: number;
}

type KeySource = ReturnType<typeof createRemoteJWKSet>;

/**
 * v1.0 audiences: Entra writes "any appID URI, with or without a trailing slash, and the client
 * ID of the resource" (optional-claims-reference.md, `aud`), so each App ID URI is accepted both ways.
 */
export function v1Audiences(audiences: readonly string[]): string[] {
  const withSlashVariants = audiences.flatMap((audience) =>
    audience.includes("://") ? [audience.replace(/\/$/, ""), `${audience.replace(/\/$/, "")}/`] : [audience],
  );
  return [...new Set(withSlashVariants)];
}

/**
 * Microsoft mode: Entra ID access tokens for the gateway's own app registration, in both formats
 * Entra issues (access-tokens.md "Token formats"): v1.0 (`ver` "1.0", the default of an app
 * registration: `api.requestedAccessTokenVersion` null or 1) and v2.0 (`requestedAccessTokenVersion` 2).
 *
 * The version is read from the token, and then everything else follows from it: the keys
 * (`/discovery/keys` for v1.0, `/discovery/v2.0/keys` for v2.0, as each version's metadata
 * document names them), the issuers (only those of that version), the audience (v2.0: always the
 * client id; v1.0: one of `audiences`). The common signing keys are valid for every tenant, so
 * a good signature is not enough: issuer and `tid` must be the partner tenant. Only RS256 is
 * accepted (no `none`, no HMAC signed with the public key); `exp`, `nbf`, `tid` and `ver` must
 * be present. Keys are cached for a day and refetched when a token names an unknown key id, so a
 * key rotation needs no restart. App-only tokens and tokens with no or several desk roles are
 * refused (entra-claims.ts).
 */
export class EntraTokenVerifier implements BearerTokenVerifier {
  private readonly keys: Readonly<Record<AccessTokenVersion, KeySource>>;
  private readonly audiences: Readonly<Record<AccessTokenVersion, string[]>>;
  private readonly dispatcher: UndiciAgent | undefined;

  constructor(private readonly settings: EntraTokenVerifierSettings) {
    const base = `${settings.authorityHost.replace(/\/$/, "")}/${settings.partnerTenantId}`;
    this.dispatcher = settings.caCertPem === undefined ? undefined : new UndiciAgent({ connect: { ca: settings.caCertPem } });
    this.keys = { "1.0": this.keySource(`${base}/discovery/keys`), "2.0": this.keySource(`${base}/discovery/v2.0/keys`) };
    this.audiences = { "1.0": v1Audiences(settings.audiences), "2.0": [settings.clientId] };
  }

  async verify(token: string): Promise<Agent> {
    const version = tokenVersion(token);
    const issuers = issuersFor(this.settings.issuers, this.settings.partnerTenantId, version);
    if (issuers.length === 0) {
      throw tokenRefused(TokenRefusalReason.UNSUPPORTED_VERSION, `Tokens of version ${version} are not accepted here (no issuer configured for them)`);
    }
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.keys[version], {
        algorithms: ["RS256"],
        issuer: issuers,
        audience: this.audiences[version],
        clockTolerance: this.settings.clockToleranceSeconds ?? 60,
        requiredClaims: ["exp", "nbf", "tid", "ver"],
      }));
    } catch (error) {
      throw refusalOf(error, version);
    }
    if (payload.tid !== this.settings.partnerTenantId) {
      throw tokenRefused(TokenRefusalReason.WRONG_TENANT, "Token was issued for another tenant");
    }
    return agentFromEntraClaims(payload, version);
  }

  /** Releases the JWKS connection pool (only held when a CA was given). */
  async close(): Promise<void> {
    await this.dispatcher?.close();
  }

  private keySource(url: string): KeySource {
    const dispatcher = this.dispatcher;
    return createRemoteJWKSet(new URL(url), {
      cooldownDuration: this.settings.jwksRefreshCooldownMs ?? 30_000,
      cacheMaxAge: 24 * 60 * 60 * 1000,
      timeoutDuration: this.settings.timeoutMs ?? 5_000,
      ...(dispatcher === undefined
        ? {}
        : { [customFetch]: (input: string, init: RequestInit) => fetch(input, { ...init, dispatcher } as RequestInit) }),
    });
  }
}

/** The `ver` claim, read before verification only to pick keys and rules; the signature covers it. */
export function tokenVersion(token: string): AccessTokenVersion {
  let claims: JWTPayload;
  try {
    claims = decodeJwt(token);
  } catch {
    throw tokenRefused(TokenRefusalReason.MALFORMED, "Token is not valid");
  }
  if (claims.ver === "1.0" || claims.ver === "2.0") return claims.ver;
  throw tokenRefused(TokenRefusalReason.UNSUPPORTED_VERSION, 'Token is not an Entra access token (claim "ver" must be "1.0" or "2.0")');
}

function refusalOf(error: unknown, version: AccessTokenVersion) {
  if (error instanceof joseErrors.JWKSNoMatchingKey) return tokenRefused(TokenRefusalReason.UNKNOWN_KEY, "Token is signed by an unknown key");
  if (error instanceof joseErrors.JWTExpired) return tokenRefused(TokenRefusalReason.EXPIRED, "Token has expired");
  if (error instanceof joseErrors.JWTClaimValidationFailed) {
    const claim = error.claim;
    if (error.reason === "missing") return tokenRefused(TokenRefusalReason.MISSING_CLAIM, `Token has no "${claim}" claim`, { claim });
    if (claim === "nbf") return tokenRefused(TokenRefusalReason.NOT_YET_VALID, 'Token is not valid yet (claim "nbf")');
    if (claim === "iss") return tokenRefused(TokenRefusalReason.WRONG_ISSUER, `Token issuer (claim "iss") is not the partner tenant's v${version} issuer`);
    if (claim === "aud") {
      const hint = version === "2.0" ? "; v2.0 tokens always name the API by its client id" : "";
      return tokenRefused(TokenRefusalReason.WRONG_AUDIENCE, `Token audience (claim "aud") is not this API${hint}`);
    }
    return tokenRefused(TokenRefusalReason.MALFORMED, `Token claim "${claim}" is not valid`, { claim });
  }
  if (error instanceof joseErrors.JOSEAlgNotAllowed) return tokenRefused(TokenRefusalReason.BAD_SIGNATURE, "Token is not signed with RS256");
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) return tokenRefused(TokenRefusalReason.BAD_SIGNATURE, "Token signature is not valid");
  // A JWKS that cannot be read says nothing about the token: name the outage, not the token.
  if (error instanceof joseErrors.JWKSTimeout || !(error instanceof joseErrors.JOSEError)) {
    return tokenRefused(TokenRefusalReason.KEYS_UNAVAILABLE, "The tenant's signing keys could not be read; try again");
  }
  return tokenRefused(TokenRefusalReason.MALFORMED, "Token is not valid");
}
