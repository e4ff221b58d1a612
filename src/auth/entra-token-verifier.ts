import { createRemoteJWKSet, customFetch, errors as joseErrors, jwtVerify } from "jose";
import { Agent as UndiciAgent } from "undici";
import { AppError, ErrorCode } from "../errors";
import type { Agent } from "./agent";
import type { BearerTokenVerifier } from "./bearer-token-verifier";
import { agentFromClaims, unauthenticated } from "./sandbox-token";

export interface EntraTokenVerifierSettings {
  /** e.g. https://login.microsoftonline.com (or the emulator's URL); no trailing slash needed. */
  authorityHost: string;
  partnerTenantId: string;
  /** The gateway's application id URI, e.g. api://<client id>. */
  audience: string;
  /** PEM of a CA to trust for the JWKS fetch only (the emulator's certificate). */
  caCertPem?: string;
  /** Least time between refetches triggered by an unknown key id (default 30 s). */
  jwksRefreshCooldownMs?: number;
  /** Timeout of one JWKS fetch (default 5 s). */
  timeoutMs?: number;
  /** Clock skew accepted on exp / nbf, in seconds (default 60). */
  clockToleranceSeconds?: number;
}

/**
 * Microsoft mode: Entra ID access tokens for the gateway's own app registration.
 *
 * The common signing keys are valid for every tenant, so a good signature is not enough: the
 * issuer and `tid` must be the partner tenant itself. Only RS256 is accepted (no `none`, no
 * HMAC signed with the public key). Keys come from the tenant's JWKS, cached for a day and
 * refetched when a token names an unknown key id, so a key rotation needs no restart.
 */
export class EntraTokenVerifier implements BearerTokenVerifier {
  private readonly jwks: ReturnType<typeof createRemoteJWKSet>;
  private readonly issuer: string;
  private readonly dispatcher: UndiciAgent | undefined;

  constructor(private readonly settings: EntraTokenVerifierSettings) {
    const authority = settings.authorityHost.replace(/\/$/, "");
    this.issuer = `${authority}/${settings.partnerTenantId}/v2.0`;
    this.dispatcher = settings.caCertPem === undefined ? undefined : new UndiciAgent({ connect: { ca: settings.caCertPem } });
    const dispatcher = this.dispatcher;
    this.jwks = createRemoteJWKSet(new URL(`${authority}/${settings.partnerTenantId}/discovery/v2.0/keys`), {
      cooldownDuration: settings.jwksRefreshCooldownMs ?? 30_000,
      cacheMaxAge: 24 * 60 * 60 * 1000,
      timeoutDuration: settings.timeoutMs ?? 5_000,
      ...(dispatcher === undefined
        ? {}
        : { [customFetch]: (url: string, init: RequestInit) => fetch(url, { ...init, dispatcher } as RequestInit) }),
    });
  }

  async verify(token: string): Promise<Agent> {
    try {
      const { payload } = await jwtVerify(token, this.jwks, {
        algorithms: ["RS256"],
        issuer: this.issuer,
        audience: this.settings.audience,
        clockTolerance: this.settings.clockToleranceSeconds ?? 60,
        requiredClaims: ["exp", "nbf", "tid"],
      });
      if (payload.tid !== this.settings.partnerTenantId) {
        throw new AppError(ErrorCode.UNAUTHENTICATED, "Token was issued for another tenant");
      }
      return agentFromClaims(payload);
    } catch (error) {
      if (error instanceof joseErrors.JWKSNoMatchingKey) {
        throw new AppError(ErrorCode.UNAUTHENTICATED, "Token is signed by an unknown key");
      }
      throw unauthenticated(error);
    }
  }

  /** Releases the JWKS connection pool (only held when a CA was given). */
  async close(): Promise<void> {
    await this.dispatcher?.close();
  }
}
