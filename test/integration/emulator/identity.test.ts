import { createLocalJWKSet, decodeProtectedHeader, jwtVerify } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GRAPH_SCOPE, PC_SCOPE, startKit, tenantAt, type EmulatorKit } from "./emulator-test-kit";

describe("emulator identity provider", () => {
  let kit: EmulatorKit;
  beforeAll(async () => {
    kit = await startKit();
  });
  afterAll(async () => {
    await kit.close();
  });

  const tokenRequest = (tenant: string, fields: Record<string, string>) =>
    kit.request("POST", `/${tenant}/oauth2/v2.0/token`, {
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(fields).toString(),
    });
  const goodFields = () => ({
    grant_type: "client_credentials",
    client_id: kit.emulator.clientId,
    client_secret: kit.emulator.clientSecret,
    scope: GRAPH_SCOPE,
  });

  it("issues an RS256 token for a customer tenant whose claims verify against the published JWKS", async () => {
    const customer = tenantAt(kit, 0);
    const res = await tokenRequest(customer, goodFields());
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ token_type: "Bearer", expires_in: 3599, ext_expires_in: 3599 });

    const config = await kit.request("GET", `/${customer}/v2.0/.well-known/openid-configuration`);
    expect(config.status).toBe(200);
    expect(config.body.token_endpoint).toBe(`${kit.emulator.url}/${customer}/oauth2/v2.0/token`);
    const jwks = await kit.request("GET", new URL(config.body.jwks_uri).pathname);
    // Graph accepts v1.0 tokens, so Entra ID issues v1.0 whatever endpoint was called (entra-docs access-token-claims-reference).
    const { payload } = await jwtVerify(res.body.access_token, createLocalJWKSet(jwks.body), {
      issuer: `https://sts.windows.net/${customer}/`,
      audience: "https://graph.microsoft.com",
      algorithms: ["RS256"],
    });
    const header = decodeProtectedHeader(res.body.access_token);
    expect(header.kid).toBe(jwks.body.keys[0].kid);
    expect(header.x5t).toBe(header.kid);
    expect(payload).toMatchObject({ tid: customer, appid: kit.emulator.clientId, appidacr: "1", idtyp: "app", ver: "1.0", idp: `https://sts.windows.net/${customer}/` });
    expect(payload).not.toHaveProperty("azp");
    expect(payload.sub).toBe(payload.oid);
    expect(typeof payload.oid).toBe("string");
    expect(payload.exp! - Math.floor(Date.now() / 1000)).toBeGreaterThan(3500);
    expect(payload.nbf).toBe(payload.iat);
    expect(res.body).not.toHaveProperty("refresh_token");
    expect(res.body).not.toHaveProperty("scope");
  });

  it("sets the Partner Center audience for the Partner Center scope and accepts the partner domain as tenant", async () => {
    const res = await tokenRequest(kit.emulator.seed.partner.domain, { ...goodFields(), scope: PC_SCOPE });
    expect(res.status).toBe(200);
    const [, payload] = res.body.access_token.split(".");
    const claims = JSON.parse(Buffer.from(payload, "base64url").toString());
    expect(claims.aud).toBe("https://api.partnercenter.microsoft.com");
    expect(claims.tid).toBe(kit.emulator.partnerTenantId);
  });

  it("refuses an unknown client id with 401 invalid_client", async () => {
    const res = await tokenRequest(kit.emulator.partnerTenantId, { ...goodFields(), client_id: "00000000-0000-0000-0000-000000000001" });
    expect(res.status).toBe(401);
    expect(res.body.error).toBe("invalid_client");
    expect(res.body.error_description).toMatch(/^AADSTS700016:/);
  });

  it("refuses a wrong client secret with 401 invalid_client", async () => {
    const res = await tokenRequest(kit.emulator.partnerTenantId, { ...goodFields(), client_secret: "nope" });
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ error: "invalid_client", error_codes: [7000215] });
  });

  it("refuses an unknown tenant with 400 invalid_request (AADSTS90002)", async () => {
    const res = await tokenRequest("11111111-2222-3333-4444-555555555555", goodFields());
    expect(res.status).toBe(400);
    expect(res.body.error).toBe("invalid_request");
    expect(res.body.error_description).toMatch(/^AADSTS90002: Tenant '11111111-2222-3333-4444-555555555555' not found/);
  });

  it("refuses a scope for an API it does not emulate and a grant other than client_credentials", async () => {
    const scope = await tokenRequest(kit.emulator.partnerTenantId, { ...goodFields(), scope: "https://vault.azure.net/.default" });
    expect(scope.status).toBe(400);
    expect(scope.body.error).toBe("invalid_scope");
    const grant = await tokenRequest(kit.emulator.partnerTenantId, { ...goodFields(), grant_type: "password" });
    expect(grant.status).toBe(400);
    expect(grant.body.error).toBe("unsupported_grant_type");
  });

  it("accepts client_secret_basic credentials", async () => {
    const basic = Buffer.from(`${kit.emulator.clientId}:${encodeURIComponent(kit.emulator.clientSecret)}`).toString("base64");
    const res = await kit.request("POST", `/${kit.emulator.partnerTenantId}/oauth2/v2.0/token`, {
      headers: { "content-type": "application/x-www-form-urlencoded", authorization: `Basic ${basic}` },
      body: new URLSearchParams({ grant_type: "client_credentials", scope: GRAPH_SCOPE }).toString(),
    });
    expect(res.status).toBe(200);
  });

  it("counts every token request, successful or not", async () => {
    await kit.control("POST", "/requests/reset");
    await tokenRequest(kit.emulator.partnerTenantId, goodFields());
    await tokenRequest(kit.emulator.partnerTenantId, { ...goodFields(), client_secret: "wrong" });
    const counts = await kit.control("GET", "/requests");
    expect(counts.body.tokens).toBe(2);
    expect(counts.body.total).toBe(0);
  });

  it("rejects API calls whose token has the wrong audience, in each API's own error shape", async () => {
    const pcToken = await kit.token(kit.emulator.partnerTenantId, PC_SCOPE);
    const graphToken = await kit.token(kit.emulator.partnerTenantId, GRAPH_SCOPE);
    const graph = await kit.request("GET", "/v1.0/tenantRelationships/delegatedAdminCustomers", { headers: { authorization: `Bearer ${pcToken}` } });
    expect(graph.status).toBe(401);
    expect(graph.body.error.code).toBe("InvalidAuthenticationToken");
    expect(graph.body.error.innerError["request-id"]).toEqual(expect.any(String));
    const pc = await kit.request("GET", "/v1/customers", { headers: { authorization: `Bearer ${graphToken}` } });
    expect(pc.status).toBe(401);
    expect(pc.body).toMatchObject({ source: "PartnerFD", code: expect.any(Number) });
    const none = await kit.request("GET", "/v1.0/admin/serviceAnnouncement/issues");
    expect(none.status).toBe(401);
  });

  it("rejects a token signed by another key", async () => {
    const other = await startKit({ tenants: 1 });
    try {
      const foreign = await other.token(other.emulator.partnerTenantId);
      const res = await kit.request("GET", "/v1.0/tenantRelationships/delegatedAdminCustomers", { headers: { authorization: `Bearer ${foreign}` } });
      expect(res.status).toBe(401);
    } finally {
      await other.close();
    }
  });
});
