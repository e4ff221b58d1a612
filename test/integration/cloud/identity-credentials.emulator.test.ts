import { ClientSecretCredential } from "@azure/identity";
import { Agent, fetch } from "undici";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { identityConnection } from "../../../src/cloud/auth/identity-transport";
import { OnBehalfOfExchange } from "../../../src/cloud/auth/on-behalf-of.exchange";
import { isAssertionExpired } from "../../../src/cloud/service-request-failure";
import { createTokenCredential } from "../../../src/cloud/auth/token-credential.factory";
import { observeUpstreamCalls } from "../../../src/cloud/upstream-call.observer";
import { startEmulator, type RunningEmulator } from "../../../src/emulator";
import { AppError, ErrorCode } from "../../../src/errors";
import { guardLoopbackOnly, type LoopbackGuard } from "../../support/loopback-only";

const GRAPH = "https://graph.microsoft.com/.default";
const PARTNER_CENTER = "https://api.partnercenter.microsoft.com/.default";
const claimsOf = (token: string) => JSON.parse(Buffer.from(token.split(".")[1]!, "base64url").toString("utf8")) as Record<string, unknown>;

/**
 * The production @azure/identity credentials (createTokenCredential, OnBehalfOfExchange) against
 * the emulator's identity endpoints, offline: every connection outside loopback is refused and
 * recorded, and the emulator's request log shows exactly what MSAL asked for.
 */
describe("@azure/identity credentials against the emulator's identity provider", () => {
  let emulator: RunningEmulator;
  let guard: LoopbackGuard;
  let dispatcher: Agent;
  const seen: string[] = [];

  const connection = (overrides: Partial<Parameters<typeof identityConnection>[0]> = {}) =>
    identityConnection({ authorityHost: emulator.url, caCertPem: emulator.caCertPem, timeoutMs: 5_000, maxRetries: 0, ...overrides });
  const credential = (overrides: { clientSecret?: string } = {}) =>
    createTokenCredential({
      mode: "microsoft",
      cloud: "public",
      partnerTenantId: emulator.partnerTenantId,
      clientId: emulator.clientId,
      clientSecret: overrides.clientSecret ?? emulator.clientSecret,
      authorityHost: emulator.url,
      caCertPem: emulator.caCertPem,
      timeoutMs: 5_000,
      maxRetries: 0,
    });
  const agentToken = async (input: Record<string, unknown> = {}): Promise<string> => {
    const response = await fetch(`${emulator.url}/${emulator.partnerTenantId}/oauth2/v2.0/agent-token`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ audience: `api://${emulator.clientId}`, roles: ["HELPDESK_AGENT"], name: "Hana Helpdesk", ...input }),
      dispatcher,
    });
    return ((await response.json()) as { access_token: string }).access_token;
  };

  beforeAll(async () => {
    guard = guardLoopbackOnly();
    emulator = await startEmulator({
      port: 0,
      tenants: 4,
      log: (message, fields) => {
        if (message === "emulator request") seen.push(`${String(fields?.["method"])} ${String(fields?.["path"])}`);
      },
    });
    dispatcher = new Agent({ connect: { ca: emulator.caCertPem } });
  });
  beforeEach(() => {
    seen.length = 0;
  });
  afterAll(async () => {
    guard?.release();
    await dispatcher?.close();
    await emulator?.close();
  });

  it("gets app-only tokens per tenant with OpenID metadata and token calls only, nothing outside loopback", async () => {
    const app = credential();
    try {
      const partner = await app.getToken(GRAPH);
      const customerId = emulator.seed.tenants[0]!.id;
      const customer = await app.getToken(GRAPH, { tenantId: customerId });
      expect(claimsOf(partner.token)).toMatchObject({ tid: emulator.partnerTenantId, aud: "https://graph.microsoft.com", idtyp: "app", ver: "1.0" });
      expect(claimsOf(customer.token)).toMatchObject({ tid: customerId, iss: `https://sts.windows.net/${customerId}/` });
      expect(partner.expiresOnTimestamp - Date.now()).toBeGreaterThan(3_000_000);
      // One token request per tenant; the OpenID metadata once per MSAL client (tenants are spread
      // over several, token-credential.factory.ts), the first time a tenant of that client asks.
      expect(seen.filter((line) => line.startsWith("POST "))).toEqual([`POST /${emulator.partnerTenantId}/oauth2/v2.0/token`, `POST /${customerId}/oauth2/v2.0/token`]);
      expect(seen[0]).toBe(`GET /${emulator.partnerTenantId}/v2.0/.well-known/openid-configuration`);
      expect(seen.filter((line) => line.startsWith("GET ")).every((line) => line.endsWith("/v2.0/.well-known/openid-configuration"))).toBe(true);
      expect(seen.length).toBeLessThanOrEqual(4);
      const calls = seen.length;
      await app.getToken(GRAPH, { tenantId: customerId });
      expect(seen).toHaveLength(calls); // cached
      expect(guard.refused).toEqual([]);
    } finally {
      await app.close();
    }
  });

  it("shows why instance discovery must be off: MSAL would ask login.microsoftonline.com otherwise", async () => {
    const before = guard.refused.length;
    const bare = new ClientSecretCredential(emulator.partnerTenantId, emulator.clientId, emulator.clientSecret, {
      authorityHost: emulator.url,
      tlsOptions: { ca: emulator.caCertPem },
      retryOptions: { maxRetries: 0 },
    });
    await expect(bare.getToken(GRAPH)).rejects.toThrow();
    expect(guard.refused.slice(before)).toContain("login.microsoftonline.com:443");
  });

  it("refuses a wrong secret as FORBIDDEN, without retrying", async () => {
    const wrong = credential({ clientSecret: "not-the-secret" });
    try {
      const error = (await wrong.getToken(GRAPH).catch((caught: unknown) => caught)) as AppError;
      expect(error).toBeInstanceOf(AppError);
      expect(error.code).toBe(ErrorCode.FORBIDDEN);
      expect(error.message).toMatch(/Microsoft identity platform denied access/);
      expect(seen.filter((line) => line.endsWith("/oauth2/v2.0/token"))).toHaveLength(1);
    } finally {
      await wrong.close();
    }
  });

  it("reports an authority that does not answer as UPSTREAM_UNAVAILABLE", async () => {
    const closed = await startEmulator({ port: 0, tenants: 1 });
    const url = closed.url;
    await closed.close();
    const app = createTokenCredential({
      mode: "sandbox",
      authorityUrl: url,
      partnerTenantId: emulator.partnerTenantId,
      clientId: emulator.clientId,
      clientSecret: emulator.clientSecret,
      caCertPem: emulator.caCertPem,
      timeoutMs: 2_000,
      maxRetries: 0,
    });
    try {
      const error = (await app.getToken(GRAPH).catch((caught: unknown) => caught)) as AppError;
      expect(error).toBeInstanceOf(AppError);
      expect(error.code).toBe(ErrorCode.UPSTREAM_UNAVAILABLE);
    } finally {
      await app.close();
    }
  });

  it("exchanges an agent's token on their behalf (OnBehalfOfCredential) for an App+User Partner Center token", async () => {
    const refusedBefore = guard.refused.length;
    const exchange = new OnBehalfOfExchange({ partnerTenantId: emulator.partnerTenantId, clientId: emulator.clientId, clientSecret: emulator.clientSecret, connection: connection() });
    try {
      const assertion = await agentToken();
      const token = await exchange.getToken(assertion, PARTNER_CENTER);
      expect(claimsOf(token)).toMatchObject({ aud: "https://api.partnercenter.microsoft.com", idtyp: "user", name: "Hana Helpdesk", scp: "user_impersonation", ver: "1.0" });
      expect(await exchange.getToken(assertion, PARTNER_CENTER)).toBe(token);
      expect(seen.filter((line) => line.endsWith("/oauth2/v2.0/token"))).toHaveLength(1);
      expect(guard.refused.slice(refusedBefore)).toEqual([]);
    } finally {
      await exchange.close();
    }
  });

  it("answers ASSERTION_EXPIRED for an expired sign-in (AADSTS500133)", async () => {
    const exchange = new OnBehalfOfExchange({ partnerTenantId: emulator.partnerTenantId, clientId: emulator.clientId, clientSecret: emulator.clientSecret, connection: connection() });
    try {
      const expired = await agentToken({ lifetimeSeconds: -60 });
      const error = await exchange.getToken(expired, PARTNER_CENTER).catch((caught: unknown) => caught);
      expect(isAssertionExpired(error)).toBe(true);
    } finally {
      await exchange.close();
    }
  });

  it("refuses, as Entra ID does, an assertion for another audience or with a broken signature (AADSTS50013)", async () => {
    const exchange = new OnBehalfOfExchange({ partnerTenantId: emulator.partnerTenantId, clientId: emulator.clientId, clientSecret: emulator.clientSecret, connection: connection() });
    try {
      const otherApp = await agentToken({ claims: { aud: "api://someone-else" } });
      expect(claimsOf(otherApp).aud).toBe("api://someone-else");
      const refused = (await exchange.getToken(otherApp, PARTNER_CENTER).catch((caught: unknown) => caught)) as AppError;
      expect(refused.code).toBe(ErrorCode.FORBIDDEN);
      const [header, payload, signature] = (await agentToken()).split(".");
      const tampered = `${header}.${payload}.${signature!.slice(0, -6)}AAAAAA`;
      expect(((await exchange.getToken(tampered, PARTNER_CENTER).catch((caught: unknown) => caught)) as AppError).code).toBe(ErrorCode.FORBIDDEN);
    } finally {
      await exchange.close();
    }
  });

  it("trusts the configured CA for its own token requests only (nothing process-wide)", async () => {
    const untrusting = createTokenCredential({
      mode: "microsoft",
      cloud: "public",
      partnerTenantId: emulator.partnerTenantId,
      clientId: emulator.clientId,
      clientSecret: emulator.clientSecret,
      authorityHost: emulator.url,
      timeoutMs: 2_000,
      maxRetries: 0,
    });
    try {
      const error = (await untrusting.getToken(GRAPH).catch((caught: unknown) => caught)) as AppError;
      expect(error.code).toBe(ErrorCode.UPSTREAM_UNAVAILABLE);
      expect(seen).toEqual([]); // the TLS handshake failed: the emulator never saw a request
    } finally {
      await untrusting.close();
    }
  });

  it("sends token requests through undici, so /metrics counts them like every other upstream call", async () => {
    const calls: string[] = [];
    const stop = observeUpstreamCalls([emulator.url], (call) => calls.push(`${call.upstream} ${call.method} ${call.status}`));
    const app = credential();
    try {
      await app.getToken(PARTNER_CENTER);
      expect(calls).toContain("identity POST 200");
    } finally {
      stop();
      await app.close();
    }
  });

  it("keeps at most maxCachedTokens exchanged tokens", async () => {
    const exchange = new OnBehalfOfExchange({
      partnerTenantId: emulator.partnerTenantId,
      clientId: emulator.clientId,
      clientSecret: emulator.clientSecret,
      connection: connection(),
      maxCachedTokens: 2,
    });
    try {
      for (const name of ["Ana", "Ben", "Cem", "Dea"]) await exchange.getToken(await agentToken({ name }), PARTNER_CENTER);
      expect(exchange.cachedTokens).toBe(2);
    } finally {
      await exchange.close();
    }
  });
});
