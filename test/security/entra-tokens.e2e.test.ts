import { generateKeyPairSync, createPublicKey } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { decodeProtectedHeader, importJWK, SignJWT, type JWK } from "jose";
import { Agent as UndiciAgent, fetch as undiciFetch } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config";
import { startEmulator, type RunningEmulator } from "../../src/emulator";
import { startApp, type RunningApp } from "../../src/server/app";
import { createLogger } from "../../src/server/logger";
import { postGraphQL } from "./support/raw-graphql";

const ME = { query: "{ me { id displayName role } }" };
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

describe("microsoft mode: Entra ID access tokens checked against the emulator's identity provider", () => {
  let emulator: RunningEmulator;
  let app: RunningApp;
  let dataDir: string;
  let dispatcher: UndiciAgent;
  let audience: string;
  let partnerTenant: string;
  let otherTenant: string;

  const idp = async (path: string, body?: unknown) => {
    const response = await undiciFetch(`${emulator.url}${path}`, {
      method: body === undefined ? "GET" : "POST",
      headers: { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
      dispatcher,
    });
    expect(response.status, path).toBe(200);
    return (await response.json()) as any;
  };
  const mint = async (input: Record<string, unknown> = {}, tenant = partnerTenant): Promise<string> =>
    (await idp(`/${tenant}/oauth2/v2.0/agent-token`, { audience, roles: ["HELPDESK_AGENT"], name: "Hana Helpdesk", ...input })).access_token;
  const call = (token: string) => postGraphQL(app.gateway.graphqlUrl, ME, { token });
  const expectRefused = async (token: string) => {
    const result = await call(token);
    expect(result.status).toBe(401);
    expect(result.data ?? null).toBeNull();
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]!.extensions.code).toBe("UNAUTHENTICATED");
    expect(JSON.stringify(result.errors)).not.toContain(token.slice(-20));
    return result.errors[0]!.message;
  };

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), "psg-entra-"));
    emulator = await startEmulator({ port: 0, tenants: 6 });
    dispatcher = new UndiciAgent({ connect: { ca: emulator.caCertPem } });
    const caFile = join(dataDir, "emulator-ca.pem");
    writeFileSync(caFile, emulator.caCertPem);
    partnerTenant = emulator.partnerTenantId;
    otherTenant = emulator.seed.tenants[0]!.id;
    const config = parseConfig({
      PSG_MODE: "microsoft",
      PORT: "0",
      DATA_DIR: dataDir,
      DATABASE_URL: `sqlite:${join(dataDir, "psg.sqlite")}`,
      LOG_LEVEL: "silent",
      PARTNER_TENANT_ID: partnerTenant,
      AZURE_CLIENT_ID: emulator.clientId,
      AZURE_CLIENT_SECRET: emulator.clientSecret,
      AUTHORITY_HOST: emulator.url,
      GRAPH_BASE_URL: emulator.url,
      PARTNER_CENTER_BASE_URL: emulator.url,
      UPSTREAM_CA_FILE: caFile,
      // Lets the unknown-kid and rotation tests refetch the JWKS at once (production keeps 30 s).
      JWKS_REFRESH_COOLDOWN_MS: "0",
      ESCALATION_WORKERS: "off",
    });
    audience = config.microsoft!.apiAudience;
    app = await startApp(config, createLogger("silent"));
  });
  afterAll(async () => {
    await app?.close();
    await emulator?.close();
    await dispatcher?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("accepts a valid token of the partner tenant and takes the role from `roles`", async () => {
    const result = await call(await mint({ oid: "11111111-2222-4333-8444-555555555555" }));
    expect(result.errors).toEqual([]);
    expect(result.data.me).toEqual({ id: "11111111-2222-4333-8444-555555555555", displayName: "Hana Helpdesk", role: "HELPDESK_AGENT" });
    const lead = await call(await mint({ roles: ["SUPPORT_LEAD"] }));
    expect(lead.data.me.role).toBe("SUPPORT_LEAD");
  });

  it("refuses an expired token", async () => {
    expect(await expectRefused(await mint({ lifetimeSeconds: -600 }))).toMatch(/expired/i);
  });

  it("refuses a token that is not yet valid", async () => {
    expect(await expectRefused(await mint({ notBeforeSeconds: 600 }))).toMatch(/nbf/);
  });

  it("refuses a token for another audience", async () => {
    expect(await expectRefused(await mint({ audience: "api://someone-else" }))).toMatch(/aud/);
  });

  it("refuses a token from another issuer", async () => {
    await expectRefused(await mint({ claims: { iss: `https://login.evil.example/${partnerTenant}/v2.0` } }));
  });

  it("refuses another tenant's token signed by the same keys", async () => {
    await expectRefused(await mint({}, otherTenant));
    // the partner's issuer but another tenant's `tid`
    expect(await expectRefused(await mint({ claims: { tid: otherTenant } }))).toMatch(/another tenant/);
  });

  it("refuses an unsigned token (alg: none)", async () => {
    const [, payload] = (await mint()).split(".");
    await expectRefused(`${b64({ alg: "none", typ: "JWT" })}.${payload}.`);
  });

  it("refuses an HS256 token signed with the published public key", async () => {
    const valid = await mint();
    const { kid } = decodeProtectedHeader(valid);
    const { keys } = await idp(`/${partnerTenant}/discovery/v2.0/keys`);
    const jwk = (keys as JWK[]).find((key) => key.kid === kid)!;
    const publicPem = createPublicKey({ key: jwk as never, format: "jwk" }).export({ type: "spki", format: "pem" }) as string;
    const forged = await new SignJWT({ tid: partnerTenant, roles: ["ADMIN_AGENT"], oid: "forged", name: "Forger" })
      .setProtectedHeader({ alg: "HS256", typ: "JWT", kid })
      .setIssuer(`${emulator.url}/${partnerTenant}/v2.0`)
      .setAudience(audience)
      .setSubject("forged")
      .setIssuedAt()
      .setNotBefore("-1m")
      .setExpirationTime("1h")
      .sign(new TextEncoder().encode(publicPem));
    await expectRefused(forged);
  });

  it("refuses a token whose payload was tampered with", async () => {
    const [header, payload, signature] = (await mint()).split(".");
    const claims = JSON.parse(Buffer.from(payload!, "base64url").toString("utf8"));
    await expectRefused(`${header}.${b64({ ...claims, roles: ["ADMIN_AGENT"] })}.${signature}`);
  });

  it("refuses a token signed by a key the tenant does not publish (unknown kid)", async () => {
    const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const key = await importJWK(privateKey.export({ format: "jwk" }) as JWK, "RS256");
    const token = await new SignJWT({ tid: partnerTenant, roles: ["ADMIN_AGENT"], oid: "x" })
      .setProtectedHeader({ alg: "RS256", typ: "JWT", kid: "not-a-published-key" })
      .setIssuer(`${emulator.url}/${partnerTenant}/v2.0`)
      .setAudience(audience)
      .setSubject("x")
      .setIssuedAt()
      .setNotBefore("-1m")
      .setExpirationTime("1h")
      .sign(key);
    expect(await expectRefused(token)).toMatch(/unknown key/);
  });

  it("refuses a token without a desk role, and malformed tokens", async () => {
    expect(await expectRefused(await mint({ roles: [] }))).toMatch(/role/);
    expect(await expectRefused(await mint({ roles: ["Global.Admin"] }))).toMatch(/role/);
    await expectRefused("not-a-jwt");
    await expectRefused("a.b.c");
  });

  it("follows a signing-key rotation without a restart, keeping the previous key for a while", async () => {
    const before = await mint({ roles: ["ADMIN_AGENT"] });
    expect((await call(before)).data.me.role).toBe("ADMIN_AGENT");

    const first = await idp(`/${partnerTenant}/discovery/v2.0/keys/rotate`, {});
    const after = await mint({ roles: ["ADMIN_AGENT"] });
    expect(decodeProtectedHeader(after).kid).toBe(first.kid);
    expect(decodeProtectedHeader(after).kid).not.toBe(decodeProtectedHeader(before).kid);
    expect((await call(after)).data.me.role).toBe("ADMIN_AGENT"); // new kid: the JWKS is refetched
    expect((await call(before)).data.me.role).toBe("ADMIN_AGENT"); // old key still published

    await idp(`/${partnerTenant}/discovery/v2.0/keys/rotate`, {});
    const latest = await mint({ roles: ["ADMIN_AGENT"] });
    expect((await call(latest)).data.me.role).toBe("ADMIN_AGENT");
    // two rotations later the first key is gone from the JWKS, and so from the gateway's cache
    expect(await expectRefused(before)).toMatch(/unknown key|not valid/);
  });
});
