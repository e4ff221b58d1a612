import { createPublicKey, generateKeyPairSync } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { decodeJwt, decodeProtectedHeader, importJWK, SignJWT, type JWK } from "jose";
import { Agent as UndiciAgent, fetch as undiciFetch } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config";
import { startEmulator, type RunningEmulator } from "../../src/emulator";
import { startApp, type RunningApp } from "../../src/server/app";
import { microsoftModeEnv } from "./support/microsoft-mode-env";
import { createLogger } from "../../src/server/logger";
import { loadFixture } from "../fixtures/load-fixture";
import { postGraphQL } from "./support/raw-graphql";

const ME = { query: "{ me { id displayName role } }" };
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
const VERSIONS = [
  { version: "1.0", requestedAccessTokenVersion: null },
  { version: "2.0", requestedAccessTokenVersion: 2 },
] as const;

// Microsoft's published example tokens (access-tokens.md), decoded: SOURCES.md "Entra access tokens".
const MS_CLAIMS = {
  "1.0": Object.keys(loadFixture<object>("microsoft/entra/access-token-v1.0.claims.json")),
  "2.0": Object.keys(loadFixture<object>("microsoft/entra/access-token-v2.0.claims.json")),
};
const MS_HEADER = {
  "1.0": Object.keys(loadFixture<object>("microsoft/entra/access-token-v1.0.header.json")),
  "2.0": Object.keys(loadFixture<object>("microsoft/entra/access-token-v2.0.header.json")),
};
// In the v1.0 example but "present only if a value exists" (claims reference): guest/profile data.
const V1_IF_APPLICABLE = ["email", "family_name", "given_name", "idp", "ipaddr"];

describe("microsoft mode: Entra ID access tokens (v1.0 and v2.0) checked against the emulator's identity provider", () => {
  let emulator: RunningEmulator;
  let app: RunningApp;
  let dataDir: string;
  let dispatcher: UndiciAgent;
  let clientId: string;
  let partnerTenant: string;
  let otherTenant: string;

  const idpCall = async (path: string, body?: unknown) => {
    const response = await undiciFetch(`${emulator.url}${path}`, {
      method: body === undefined ? "GET" : "POST",
      headers: { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
      dispatcher,
    });
    return { status: response.status, body: (await response.json()) as any };
  };
  const idp = async (path: string, body?: unknown) => {
    const { status, body: answer } = await idpCall(path, body);
    expect(status, path).toBe(200);
    return answer;
  };
  const mint = async (input: Record<string, unknown> = {}, tenant = partnerTenant): Promise<string> =>
    (await idp(`/${tenant}/oauth2/v2.0/agent-token`, { roles: ["HELPDESK_AGENT"], name: "Hana Helpdesk", ...input })).access_token;
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
    clientId = emulator.clientId;
    // README's microsoft-mode setup, pointed at the emulator: no API_AUDIENCE or TOKEN_ISSUERS, so the
    // defaults are what is tested (audiences api://<client id> and the client id; issuers from AUTHORITY_HOST).
    const config = parseConfig({
      ...microsoftModeEnv(emulator, dataDir, caFile),
      // Lets the unknown-kid and rotation tests refetch the JWKS at once (production keeps 30 s).
      JWKS_REFRESH_COOLDOWN_MS: "0",
      ESCALATION_WORKERS: "off",
    });
    expect(config.microsoft!.apiAudiences).toEqual([`api://${clientId}`, clientId]);
    app = await startApp(config, createLogger("silent"));
  });
  afterAll(async () => {
    await app?.close();
    await emulator?.close();
    await dispatcher?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  describe("the emulator mints tokens shaped like Microsoft's examples", () => {
    for (const { version, requestedAccessTokenVersion } of VERSIONS) {
      it(`v${version}: the example's claims and header, issuer and audience of that version`, async () => {
        const token = await mint({ requestedAccessTokenVersion, resource: `api://${clientId}` });
        const claims = decodeJwt(token);
        const names = Object.keys(claims);
        const documentedExtras = version === "1.0" ? ["roles", "upn"] : ["roles"];
        for (const name of names) expect([...MS_CLAIMS[version], ...documentedExtras], `claim ${name}`).toContain(name);
        for (const name of MS_CLAIMS[version].filter((claim) => !V1_IF_APPLICABLE.includes(claim))) expect(names, `claim ${name}`).toContain(name);
        expect(Object.keys(decodeProtectedHeader(token)).sort()).toEqual([...MS_HEADER[version]].sort());
        expect(claims.ver).toBe(version);
        expect(claims.tid).toBe(partnerTenant);
        expect(claims.idtyp).toBeUndefined(); // only with the optional claim, and then only in app-only tokens
        if (version === "1.0") {
          expect(claims.iss).toBe(`${emulator.url}/${partnerTenant}/`);
          expect(claims.aud).toBe(`api://${clientId}`); // the resource as the client requested it
          expect(claims.upn).toBe(claims.unique_name);
        } else {
          expect(claims.iss).toBe(`${emulator.url}/${partnerTenant}/v2.0`);
          expect(claims.aud).toBe(clientId); // always the client id in v2.0, whatever was requested
          expect(claims.preferred_username).toMatch(/^hana\.helpdesk@/);
        }
      });
    }

    it("app-only tokens have no user claims and carry idtyp only when the API asks for it", async () => {
      const plain = decodeJwt(await mint({ appOnly: true, roles: ["ADMIN_AGENT"] }));
      expect(plain).not.toHaveProperty("scp");
      expect(plain).not.toHaveProperty("upn");
      expect(plain).not.toHaveProperty("name");
      expect(plain).not.toHaveProperty("idtyp");
      expect(plain.sub).toBe(plain.oid);
      const withIdtyp = decodeJwt(await mint({ appOnly: true, optionalClaims: ["idtyp"], requestedAccessTokenVersion: 2 }));
      expect(withIdtyp.idtyp).toBe("app");
    });

    it("answers Entra's errors for a resource it does not know and a bad version", async () => {
      const unknown = await idpCall(`/${partnerTenant}/oauth2/v2.0/agent-token`, { resource: "api://someone-else" });
      expect(unknown.status).toBe(400);
      expect(unknown.body.error).toBe("invalid_resource");
      expect(unknown.body.error_description).toMatch(/^AADSTS500011/);
      const badVersion = await idpCall(`/${partnerTenant}/oauth2/v2.0/agent-token`, { requestedAccessTokenVersion: 3 });
      expect(badVersion.status).toBe(400);
    });

    it("publishes the same keys in the v1.0 and v2.0 keys documents", async () => {
      await mint(); // the agent signer exists from here on
      const v1 = await idp(`/${partnerTenant}/discovery/keys`);
      const v2 = await idp(`/${partnerTenant}/discovery/v2.0/keys`);
      expect(v1.keys.map((key: JWK) => key.kid)).toEqual(v2.keys.map((key: JWK) => key.kid));
    });
  });

  for (const { version, requestedAccessTokenVersion } of VERSIONS) {
    describe(`v${version} tokens (requestedAccessTokenVersion ${requestedAccessTokenVersion})`, () => {
      const mintV = (input: Record<string, unknown> = {}, tenant?: string) => mint({ requestedAccessTokenVersion, ...input }, tenant);

      it("accepts a valid token of the partner tenant and takes the role from `roles`", async () => {
        const result = await call(await mintV({ oid: "11111111-2222-4333-8444-555555555555" }));
        expect(result.errors).toEqual([]);
        expect(result.data.me).toEqual({ id: "11111111-2222-4333-8444-555555555555", displayName: "Hana Helpdesk", role: "HELPDESK_AGENT" });
        const lead = await call(await mintV({ roles: ["SUPPORT_LEAD"] }));
        expect(lead.data.me.role).toBe("SUPPORT_LEAD");
      });

      it("accepts every resource form Entra writes for this version", async () => {
        for (const resource of [`api://${clientId}`, `api://${clientId}/`, clientId]) {
          expect((await call(await mintV({ resource }))).data?.me.role, resource).toBe("HELPDESK_AGENT");
        }
      });

      it("refuses expired, not yet valid and exp-less tokens", async () => {
        expect(await expectRefused(await mintV({ lifetimeSeconds: -600 }))).toMatch(/expired/i);
        expect(await expectRefused(await mintV({ notBeforeSeconds: 600 }))).toMatch(/nbf/);
        expect(await expectRefused(await mintV({ claims: { exp: null } }))).toMatch(/"exp"/);
      });

      it("refuses a token for another audience or from another issuer", async () => {
        expect(await expectRefused(await mintV({ claims: { aud: "api://someone-else" } }))).toMatch(/aud/);
        await expectRefused(await mintV({ claims: { iss: `https://login.evil.example/${partnerTenant}/v2.0` } }));
        await expectRefused(await mintV({ claims: { iss: `https://login.evil.example/${partnerTenant}/` } }));
      });

      it("refuses another tenant's token signed by the same keys", async () => {
        await expectRefused(await mintV({}, otherTenant));
        // the partner's issuer but another tenant's `tid`
        expect(await expectRefused(await mintV({ claims: { tid: otherTenant } }))).toMatch(/another tenant/);
      });

      it("refuses app-only tokens as agents, with or without idtyp", async () => {
        expect(await expectRefused(await mintV({ appOnly: true, roles: ["ADMIN_AGENT"] }))).toMatch(/app-only/);
        expect(await expectRefused(await mintV({ appOnly: true, optionalClaims: ["idtyp"], roles: ["ADMIN_AGENT"] }))).toMatch(/app-only/);
      });

      it("refuses a token without a desk role, with two desk roles, and malformed tokens", async () => {
        expect(await expectRefused(await mintV({ roles: [] }))).toMatch(/role/);
        expect(await expectRefused(await mintV({ roles: ["Global.Admin"] }))).toMatch(/role/);
        expect(await expectRefused(await mintV({ roles: ["HELPDESK_AGENT", "SUPPORT_LEAD"] }))).toMatch(/more than one desk role/);
        await expectRefused("not-a-jwt");
        await expectRefused("a.b.c");
      });

      it("refuses an unsigned token (alg: none) and a tampered payload", async () => {
        const [header, payload, signature] = (await mintV()).split(".");
        await expectRefused(`${b64({ alg: "none", typ: "JWT" })}.${payload}.`);
        const claims = JSON.parse(Buffer.from(payload!, "base64url").toString("utf8"));
        await expectRefused(`${header}.${b64({ ...claims, roles: ["ADMIN_AGENT"] })}.${signature}`);
      });
    });
  }

  it("refuses the impossible pair: a v2.0 token whose audience is the App ID URI", async () => {
    expect(await expectRefused(await mint({ requestedAccessTokenVersion: 2, claims: { aud: `api://${clientId}` } }))).toMatch(/client id/);
  });

  it("refuses an HS256 token signed with the published public key", async () => {
    const valid = await mint({ requestedAccessTokenVersion: 2 });
    const { kid } = decodeProtectedHeader(valid);
    const { keys } = await idp(`/${partnerTenant}/discovery/v2.0/keys`);
    const jwk = (keys as JWK[]).find((key) => key.kid === kid)!;
    const publicPem = createPublicKey({ key: jwk as never, format: "jwk" }).export({ type: "spki", format: "pem" }) as string;
    const forged = await new SignJWT({ ...decodeJwt(valid), roles: ["ADMIN_AGENT"], oid: "forged", name: "Forger" })
      .setProtectedHeader({ alg: "HS256", typ: "JWT", kid })
      .sign(new TextEncoder().encode(publicPem));
    await expectRefused(forged);
  });

  it("refuses a token signed by a key the tenant does not publish (unknown kid)", async () => {
    const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const key = await importJWK(privateKey.export({ format: "jwk" }) as JWK, "RS256");
    for (const { requestedAccessTokenVersion } of VERSIONS) {
      const claims = decodeJwt(await mint({ requestedAccessTokenVersion, roles: ["ADMIN_AGENT"] }));
      const token = await new SignJWT(claims).setProtectedHeader({ alg: "RS256", typ: "JWT", kid: "not-a-published-key" }).sign(key);
      expect(await expectRefused(token)).toMatch(/unknown key/);
    }
  });

  it("follows a signing-key rotation without a restart, keeping the previous key for a while", async () => {
    const before = await mint({ roles: ["ADMIN_AGENT"] });
    const beforeV2 = await mint({ roles: ["ADMIN_AGENT"], requestedAccessTokenVersion: 2 });
    expect((await call(before)).data.me.role).toBe("ADMIN_AGENT");
    expect((await call(beforeV2)).data.me.role).toBe("ADMIN_AGENT");

    const first = await idp(`/${partnerTenant}/discovery/v2.0/keys/rotate`, {});
    const after = await mint({ roles: ["ADMIN_AGENT"] });
    const afterV2 = await mint({ roles: ["ADMIN_AGENT"], requestedAccessTokenVersion: 2 });
    expect(decodeProtectedHeader(after).kid).toBe(first.kid);
    expect(decodeProtectedHeader(after).kid).not.toBe(decodeProtectedHeader(before).kid);
    // new kid: each version's keys document is refetched
    expect((await call(after)).data.me.role).toBe("ADMIN_AGENT");
    expect((await call(afterV2)).data.me.role).toBe("ADMIN_AGENT");
    expect((await call(before)).data.me.role).toBe("ADMIN_AGENT"); // old key still published

    await idp(`/${partnerTenant}/discovery/v2.0/keys/rotate`, {});
    const latest = await mint({ roles: ["ADMIN_AGENT"] });
    const latestV2 = await mint({ roles: ["ADMIN_AGENT"], requestedAccessTokenVersion: 2 });
    expect((await call(latest)).data.me.role).toBe("ADMIN_AGENT");
    expect((await call(latestV2)).data.me.role).toBe("ADMIN_AGENT");
    // two rotations later the first key is gone from the JWKS, and so from the gateway's cache of
    // each keys document once a new kid made it refetch that document
    expect(await expectRefused(before)).toMatch(/unknown key|not valid/);
    expect(await expectRefused(beforeV2)).toMatch(/unknown key|not valid/);
  });
});
