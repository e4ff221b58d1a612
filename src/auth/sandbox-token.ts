import { errors as joseErrors, jwtVerify, SignJWT } from "jose";
import { AppError, ErrorCode } from "../errors";
import { isAgentRole, type Agent } from "./agent";
import type { BearerTokenVerifier } from "./bearer-token-verifier";
import { SANDBOX_AUDIENCE, SANDBOX_ISSUER, type SandboxSigningKey } from "./sandbox-signing-key";

/** Signs a sandbox token for a desk agent (`roles` holds the one agent role, like an Entra app role). */
export async function issueSandboxToken(
  key: SandboxSigningKey,
  agent: Agent,
  options: { expiresIn?: string; now?: Date } = {},
): Promise<string> {
  const now = Math.floor((options.now ?? new Date()).getTime() / 1000);
  return new SignJWT({ name: agent.displayName, roles: [agent.role] })
    .setProtectedHeader({ alg: "RS256", kid: key.kid, typ: "JWT" })
    .setIssuer(SANDBOX_ISSUER)
    .setAudience(SANDBOX_AUDIENCE)
    .setSubject(agent.id)
    .setIssuedAt(now)
    .setNotBefore(now - 5)
    .setExpirationTime(options.expiresIn ?? "12h")
    .sign(key.privateKey);
}

/** Verifies sandbox tokens on every request: signature (RS256 only), issuer, audience, expiry. */
export class SandboxTokenVerifier implements BearerTokenVerifier {
  constructor(private readonly key: SandboxSigningKey) {}

  async verify(token: string): Promise<Agent> {
    try {
      const { payload } = await jwtVerify(token, this.key.publicKey, {
        algorithms: ["RS256"],
        issuer: SANDBOX_ISSUER,
        audience: SANDBOX_AUDIENCE,
        clockTolerance: 30,
      });
      return agentFromClaims(payload);
    } catch (error) {
      throw unauthenticated(error);
    }
  }
}

/** Reads the agent out of verified claims: `sub`/`oid`, `name`, exactly one known role in `roles`. */
export function agentFromClaims(payload: Record<string, unknown>): Agent {
  const id = typeof payload.oid === "string" ? payload.oid : payload.sub;
  const roles = Array.isArray(payload.roles) ? payload.roles.filter(isAgentRole) : [];
  if (typeof id !== "string" || id === "") throw new AppError(ErrorCode.UNAUTHENTICATED, "Token has no subject");
  const role = roles[0];
  if (role === undefined) throw new AppError(ErrorCode.UNAUTHENTICATED, "Token carries no desk role");
  const displayName = typeof payload.name === "string" && payload.name !== "" ? payload.name : id;
  return { id, displayName, role };
}

export function unauthenticated(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const reason =
    error instanceof joseErrors.JWTExpired
      ? "Token has expired"
      : error instanceof joseErrors.JWTClaimValidationFailed
        ? `Token claim "${error.claim}" is not valid`
        : "Token is not valid";
  return new AppError(ErrorCode.UNAUTHENTICATED, reason);
}
