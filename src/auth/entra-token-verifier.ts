import { createRemoteJWKSet, jwtVerify } from "jose";
import { AppError, ErrorCode } from "../errors";
import type { Agent } from "./agent";
import type { BearerTokenVerifier } from "./bearer-token-verifier";
import { agentFromClaims, unauthenticated } from "./sandbox-token";

/**
 * Microsoft mode: Entra ID access tokens for the gateway's own app registration.
 * The common signing keys are valid for every tenant, so a good signature is not enough:
 * the issuer and `tid` must be the partner tenant itself.
 */
export class EntraTokenVerifier implements BearerTokenVerifier {
  private readonly jwks: ReturnType<typeof createRemoteJWKSet>;
  private readonly issuer: string;

  constructor(
    private readonly settings: { authorityHost: string; partnerTenantId: string; audience: string },
  ) {
    const authority = settings.authorityHost.replace(/\/$/, "");
    this.issuer = `${authority}/${settings.partnerTenantId}/v2.0`;
    this.jwks = createRemoteJWKSet(new URL(`${authority}/${settings.partnerTenantId}/discovery/v2.0/keys`), {
      cooldownDuration: 30_000,
      cacheMaxAge: 24 * 60 * 60 * 1000,
    });
  }

  async verify(token: string): Promise<Agent> {
    try {
      const { payload } = await jwtVerify(token, this.jwks, {
        algorithms: ["RS256"],
        issuer: this.issuer,
        audience: this.settings.audience,
        clockTolerance: 60,
        requiredClaims: ["exp", "nbf", "tid"],
      });
      if (payload.tid !== this.settings.partnerTenantId) {
        throw new AppError(ErrorCode.UNAUTHENTICATED, "Token was issued for another tenant");
      }
      return agentFromClaims(payload);
    } catch (error) {
      throw unauthenticated(error);
    }
  }
}
