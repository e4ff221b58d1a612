import { Agent, fetch } from "undici";
import type { UserTokenExchange } from "../../../src/cloud/auth/on-behalf-of.exchange";
import type { RunningEmulator } from "../../../src/emulator";

/**
 * An agent's sign-in for tests: an unsigned JWT with the claims the emulator's on-behalf-of grant
 * reads (it checks exp/nbf and the subject, not the signature, as its doc comment says).
 */
export function agentAssertion(claims: { oid: string; name: string }, lifetimeSeconds = 600): string {
  const now = Math.floor(Date.now() / 1000);
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
  return `${encode({ alg: "none", typ: "JWT" })}.${encode({ ...claims, iat: now, nbf: now - 5, exp: now + lifetimeSeconds })}.`;
}

/** The real on-behalf-of grant against the emulator's token endpoint (no cache): App+User tokens for contract tests. */
export class EmulatorOnBehalfOf implements UserTokenExchange {
  private readonly agent: Agent;

  constructor(private readonly emulator: RunningEmulator) {
    this.agent = new Agent({ connect: { ca: emulator.caCertPem } });
  }

  async getToken(assertion: string, scope: string): Promise<string> {
    const response = await fetch(`${this.emulator.url}/${this.emulator.partnerTenantId}/oauth2/v2.0/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        grant_type: "urn:ietf:params:oauth:grant-type:jwt-bearer",
        requested_token_use: "on_behalf_of",
        client_id: this.emulator.clientId,
        client_secret: this.emulator.clientSecret,
        assertion,
        scope,
      }).toString(),
      dispatcher: this.agent,
    });
    const body = (await response.json()) as { access_token?: string };
    if (response.status !== 200 || !body.access_token) throw new Error(`on-behalf-of grant failed: HTTP ${response.status}`);
    return body.access_token;
  }

  async close(): Promise<void> {
    await this.agent.close();
  }
}
