import { generateKeyPairSync, type KeyObject } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, SignJWT, type JWK, type JWTPayload } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { entraTokenIssuers } from "../../../src/auth/entra-issuers";
import { EntraTokenVerifier, v1Audiences, type EntraTokenVerifierSettings } from "../../../src/auth/entra-token-verifier";
import { refusalReasonOf, type TokenRefusalReason } from "../../../src/auth/token-refusal";
import { CLOUD_NAMES, type CloudName } from "../../../src/cloud/cloud-endpoints";
import { loadFixture } from "../../fixtures/load-fixture";

// Test tenant and app registration: Microsoft's examples are re-pointed at these (SOURCES.md "Entra access tokens").
const TENANT = "0f4e2a3c-6b1d-4c8e-9a7f-2d5b8c1e4a60";
const OTHER_TENANT = "7c2d9e10-3a4b-4f5c-8d6e-9f0a1b2c3d4e";
const CLIENT_ID = "5a8d3c21-9e4f-4b7a-8c6d-1e2f3a4b5c6d";
const APP_ID_URI = `api://${CLIENT_ID}`;

const MS_V1 = loadFixture<JWTPayload>("microsoft/entra/access-token-v1.0.claims.json");
const MS_V2 = loadFixture<JWTPayload>("microsoft/entra/access-token-v2.0.claims.json");
const MS_V1_HEADER = loadFixture<Record<string, string>>("microsoft/entra/access-token-v1.0.header.json");
const MS_V2_HEADER = loadFixture<Record<string, string>>("microsoft/entra/access-token-v2.0.header.json");

const V1_ISSUER: Record<CloudName, string> = {
  public: "https://sts.windows.net",
  usgov: "https://sts.windows.net",
  "usgov-dod": "https://sts.windows.net",
  china: "https://sts.chinacloudapi.cn",
};
const V2_HOST: Record<CloudName, string> = {
  public: "https://login.microsoftonline.com",
  usgov: "https://login.microsoftonline.us",
  "usgov-dod": "https://login.microsoftonline.us",
  china: "https://login.partner.microsoftonline.cn",
};

interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  jwk: JWK;
}

async function newKey(kid: string): Promise<SigningKey> {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  return { kid, privateKey, jwk: { ...(await exportJWK(publicKey)), kid, x5t: kid, use: "sig" } };
}

/** Microsoft's example claims, re-pointed at the test tenant and app, valid from now on, with a desk role. */
function fromExample(version: "1.0" | "2.0", cloud: CloudName, overrides: Record<string, unknown> = {}): JWTPayload {
  const now = Math.floor(Date.now() / 1000);
  const example = version === "1.0" ? MS_V1 : MS_V2;
  const adjusted: Record<string, unknown> = {
    ...example,
    iss: version === "1.0" ? `${V1_ISSUER[cloud]}/${TENANT}/` : `${V2_HOST[cloud]}/${TENANT}/v2.0`,
    tid: TENANT,
    aud: CLIENT_ID,
    iat: now - 10,
    nbf: now - 10,
    exp: now + 3600,
    roles: ["HELPDESK_AGENT"],
    ...overrides,
  };
  for (const [name, value] of Object.entries(overrides)) if (value === undefined) delete adjusted[name];
  return adjusted as JWTPayload;
}

describe("EntraTokenVerifier: v1.0 and v2.0 access tokens as Entra issues them", () => {
  let server: Server;
  let authority: string;
  let key: SigningKey;
  let foreignKey: SigningKey;
  const jwksReads: string[] = [];
  const verifiers: EntraTokenVerifier[] = [];

  const sign = (claims: JWTPayload, version: "1.0" | "2.0", signingKey = key) => {
    // Microsoft's header shapes: v1.0 has x5t and kid, v2.0 only kid.
    const header = version === "1.0" ? { ...MS_V1_HEADER, x5t: signingKey.kid, kid: signingKey.kid } : { ...MS_V2_HEADER, kid: signingKey.kid };
    return new SignJWT(claims).setProtectedHeader(header as never).sign(signingKey.privateKey);
  };
  const verifierFor = (cloud: CloudName, settings: Partial<EntraTokenVerifierSettings> = {}) => {
    const verifier = new EntraTokenVerifier({
      authorityHost: authority,
      issuers: entraTokenIssuers({ cloud }),
      partnerTenantId: TENANT,
      clientId: CLIENT_ID,
      audiences: [APP_ID_URI, CLIENT_ID],
      jwksRefreshCooldownMs: 0,
      ...settings,
    });
    verifiers.push(verifier);
    return verifier;
  };
  const refusal = async (promise: Promise<unknown>): Promise<{ reason: TokenRefusalReason | undefined; message: string }> => {
    const error = await promise.then(
      () => {
        throw new Error("the token was accepted");
      },
      (caught: unknown) => caught,
    );
    expect((error as { code?: string }).code).toBe("UNAUTHENTICATED");
    return { reason: refusalReasonOf(error), message: (error as Error).message };
  };

  beforeAll(async () => {
    key = await newKey("test-key-1");
    foreignKey = await newKey("not-published");
    // A real JWKS endpoint on loopback, at the paths Entra's v1.0 and v2.0 metadata documents name.
    server = createServer((request, response) => {
      jwksReads.push(request.url ?? "");
      if (request.url === `/${TENANT}/discovery/keys` || request.url === `/${TENANT}/discovery/v2.0/keys`) {
        response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ keys: [key.jwk] }));
      } else {
        response.writeHead(404).end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    authority = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await Promise.all(verifiers.map((verifier) => verifier.close()));
    await new Promise((resolve) => server.close(resolve));
  });

  it("the fixtures are Microsoft's examples: the impossible pair does not occur in them", () => {
    expect(MS_V1.ver).toBe("1.0");
    expect(MS_V1.iss).toMatch(/^https:\/\/sts\.windows\.net\/[0-9a-f-]+\/$/);
    expect(MS_V2.ver).toBe("2.0");
    expect(MS_V2.iss).toMatch(/^https:\/\/login\.microsoftonline\.com\/[0-9a-f-]+\/v2\.0$/);
    expect(MS_V2.aud).toBe(MS_V2.azp); // a v2.0 audience is the API's client id, never an App ID URI
    expect(MS_V1_HEADER).toHaveProperty("x5t");
    expect(MS_V2_HEADER).not.toHaveProperty("x5t");
  });

  for (const cloud of CLOUD_NAMES) {
    describe(`cloud ${cloud}`, () => {
      it("accepts Microsoft's v1.0 example and reads the user from oid, name and roles", async () => {
        const agent = await verifierFor(cloud).verify(await sign(fromExample("1.0", cloud), "1.0"));
        expect(agent).toEqual({ id: MS_V1.oid, displayName: "abeli", role: "HELPDESK_AGENT" });
      });

      it("accepts Microsoft's v2.0 example", async () => {
        const agent = await verifierFor(cloud).verify(await sign(fromExample("2.0", cloud, { roles: ["SUPPORT_LEAD"] }), "2.0"));
        expect(agent).toEqual({ id: MS_V2.oid, displayName: "Abe Lincoln", role: "SUPPORT_LEAD" });
      });

      it("accepts v1.0 audiences as Entra writes them: App ID URI with or without a trailing slash, or the client id", async () => {
        const verifier = verifierFor(cloud);
        for (const aud of [APP_ID_URI, `${APP_ID_URI}/`, CLIENT_ID]) {
          expect((await verifier.verify(await sign(fromExample("1.0", cloud, { aud }), "1.0"))).role).toBe("HELPDESK_AGENT");
        }
      });

      it("refuses the impossible pair: a v2.0 issuer with an App ID URI audience", async () => {
        const token = await sign(fromExample("2.0", cloud, { aud: APP_ID_URI }), "2.0");
        const { reason, message } = await refusal(verifierFor(cloud).verify(token));
        expect(reason).toBe("WRONG_AUDIENCE");
        expect(message).toMatch(/client id/);
      });

      it("refuses a version whose issuer does not match it, and another cloud's issuer", async () => {
        const verifier = verifierFor(cloud);
        const v1WithV2Issuer = fromExample("1.0", cloud, { iss: `${V2_HOST[cloud]}/${TENANT}/v2.0` });
        expect((await refusal(verifier.verify(await sign(v1WithV2Issuer, "1.0")))).reason).toBe("WRONG_ISSUER");
        const v2WithV1Issuer = fromExample("2.0", cloud, { iss: `${V1_ISSUER[cloud]}/${TENANT}/` });
        expect((await refusal(verifier.verify(await sign(v2WithV1Issuer, "2.0")))).reason).toBe("WRONG_ISSUER");
        const elsewhere: CloudName = cloud === "china" ? "public" : "china";
        expect((await refusal(verifier.verify(await sign(fromExample("2.0", elsewhere), "2.0")))).reason).toBe("WRONG_ISSUER");
      });

      for (const version of ["1.0", "2.0"] as const) {
        it(`refuses v${version} tokens that fail a check, each with its own reason`, async () => {
          const verifier = verifierFor(cloud);
          const refused = async (overrides: Record<string, unknown>) => (await refusal(verifier.verify(await sign(fromExample(version, cloud, overrides), version)))).reason;
          const now = Math.floor(Date.now() / 1000);
          expect(await refused({ exp: undefined })).toBe("MISSING_CLAIM");
          expect(await refused({ nbf: undefined })).toBe("MISSING_CLAIM");
          expect(await refused({ tid: undefined })).toBe("MISSING_CLAIM");
          expect(await refused({ exp: now - 600 })).toBe("EXPIRED");
          expect(await refused({ nbf: now + 600 })).toBe("NOT_YET_VALID");
          expect(await refused({ aud: "api://someone-else" })).toBe("WRONG_AUDIENCE");
          expect(await refused({ iss: version === "1.0" ? `${V1_ISSUER[cloud]}/${OTHER_TENANT}/` : `${V2_HOST[cloud]}/${OTHER_TENANT}/v2.0` })).toBe("WRONG_ISSUER");
          expect(await refused({ tid: OTHER_TENANT })).toBe("WRONG_TENANT");
          expect(await refused({ roles: undefined })).toBe("NO_ROLE");
          expect(await refused({ roles: ["Global.Admin"] })).toBe("NO_ROLE");
          expect(await refused({ roles: ["HELPDESK_AGENT", "ADMIN_AGENT"] })).toBe("MULTIPLE_ROLES");
          // App-only: Entra's `idtyp` optional claim, or no delegated scope (scp is only in user tokens).
          expect(await refused({ idtyp: "app" })).toBe("APP_ONLY");
          expect(await refused({ scp: undefined })).toBe("APP_ONLY");
          expect(await refused({ ver: undefined })).toBe("UNSUPPORTED_VERSION");
          expect(await refused({ ver: "3.0" })).toBe("UNSUPPORTED_VERSION");
        });
      }
    });
  }

  it("names both roles when a user holds two, instead of taking the first", async () => {
    const token = await sign(fromExample("2.0", "public", { roles: ["SALES_AGENT", "SUPPORT_LEAD"] }), "2.0");
    const error = await verifierFor("public").verify(token).catch((caught: unknown) => caught);
    expect(refusalReasonOf(error)).toBe("MULTIPLE_ROLES");
    expect((error as { details: { roles: string[] } }).details.roles).toEqual(["SALES_AGENT", "SUPPORT_LEAD"]);
  });

  it("falls back to the version's user name claim when `name` is absent", async () => {
    const verifier = verifierFor("public");
    const v1 = await verifier.verify(await sign(fromExample("1.0", "public", { name: undefined, upn: "abe@contoso.example" }), "1.0"));
    expect(v1.displayName).toBe("abe@contoso.example");
    const v1Unique = await verifier.verify(await sign(fromExample("1.0", "public", { name: undefined }), "1.0"));
    expect(v1Unique.displayName).toBe(MS_V1.unique_name);
    const v2 = await verifier.verify(await sign(fromExample("2.0", "public", { name: undefined }), "2.0"));
    expect(v2.displayName).toBe(MS_V2.preferred_username);
  });

  it("refuses forged and malformed tokens: alg none, HS256 with the public key, unknown key, tampered payload", async () => {
    const verifier = verifierFor("public");
    const valid = await sign(fromExample("2.0", "public"), "2.0");
    const [header, payload, signature] = valid.split(".");
    const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
    expect((await refusal(verifier.verify(`${b64({ alg: "none", typ: "JWT" })}.${payload}.`))).reason).toBe("BAD_SIGNATURE");
    const hmac = await new SignJWT(fromExample("2.0", "public"))
      .setProtectedHeader({ alg: "HS256", typ: "JWT", kid: key.kid })
      .sign(new TextEncoder().encode(JSON.stringify(key.jwk)));
    expect((await refusal(verifier.verify(hmac))).reason).toBe("BAD_SIGNATURE");
    expect((await refusal(verifier.verify(await sign(fromExample("2.0", "public"), "2.0", foreignKey)))).reason).toBe("UNKNOWN_KEY");
    const claims = JSON.parse(Buffer.from(payload!, "base64url").toString("utf8"));
    expect((await refusal(verifier.verify(`${header}.${b64({ ...claims, roles: ["ADMIN_AGENT"] })}.${signature}`))).reason).toBe("BAD_SIGNATURE");
    expect((await refusal(verifier.verify("not-a-jwt"))).reason).toBe("MALFORMED");
    expect((await refusal(verifier.verify("a.b.c"))).reason).toBe("MALFORMED");
  });

  it("reads each version's keys from that version's keys document", async () => {
    jwksReads.length = 0;
    const verifier = verifierFor("public");
    await verifier.verify(await sign(fromExample("1.0", "public"), "1.0"));
    expect(jwksReads).toEqual([`/${TENANT}/discovery/keys`]);
    await verifier.verify(await sign(fromExample("2.0", "public"), "2.0"));
    expect(jwksReads).toEqual([`/${TENANT}/discovery/keys`, `/${TENANT}/discovery/v2.0/keys`]);
  });

  it("accepts only the versions TOKEN_ISSUERS lists", async () => {
    const verifier = verifierFor("public", { issuers: entraTokenIssuers({ cloud: "public", tokenIssuers: ["https://login.microsoftonline.com/{tenantid}/v2.0"] }) });
    expect((await verifier.verify(await sign(fromExample("2.0", "public"), "2.0"))).role).toBe("HELPDESK_AGENT");
    expect((await refusal(verifier.verify(await sign(fromExample("1.0", "public"), "1.0")))).reason).toBe("UNSUPPORTED_VERSION");
  });

  it("says the keys could not be read when the keys document is unreachable", async () => {
    const verifier = verifierFor("public", { authorityHost: "http://127.0.0.1:9", timeoutMs: 2_000 });
    const { reason } = await refusal(verifier.verify(await sign(fromExample("2.0", "public"), "2.0")));
    expect(reason).toBe("KEYS_UNAVAILABLE");
  });

  it("v1Audiences adds the trailing-slash form of each App ID URI, not of a client id", () => {
    expect(v1Audiences([APP_ID_URI, CLIENT_ID])).toEqual([APP_ID_URI, `${APP_ID_URI}/`, CLIENT_ID]);
    expect(v1Audiences(["https://api.contoso.example/desk/"])).toEqual(["https://api.contoso.example/desk", "https://api.contoso.example/desk/"]);
  });
});
