import { describe, expect, it } from "vitest";
import { entraAccessTokenClaims, withOverrides, type AgentTokenRequest } from "../../src/emulator/agent-token.routes";
import { loadFixture } from "../fixtures/load-fixture";

/**
 * The emulator's agent tokens against Microsoft's published example tokens (access-tokens.md,
 * fixtures under test/fixtures/microsoft/entra): same claim names per version, same value types,
 * and the version-only claims of the claims reference kept apart. The gateway side (the verifier
 * accepts the examples) is test/unit/auth/entra-token-verifier.test.ts.
 */
const EXAMPLE = {
  "1.0": loadFixture<Record<string, unknown>>("microsoft/entra/access-token-v1.0.claims.json"),
  "2.0": loadFixture<Record<string, unknown>>("microsoft/entra/access-token-v2.0.claims.json"),
};
// In the v1.0 example, but only "if applicable" (guest / profile data, v1.0 basic claims): not emitted by default.
const IF_APPLICABLE = new Set(["email", "family_name", "given_name", "idp", "ipaddr"]);
// Documented claims the examples do not show: `roles` (assigned app roles), `upn` (v1.0 basic claim).
const DOCUMENTED_EXTRA = { "1.0": ["roles", "upn"], "2.0": ["roles"] };
// access-token-claims-reference.md: "only present in v1.0 tokens" / "only present in v2.0 tokens".
const ONLY_IN = { "1.0": ["acr", "amr", "appid", "appidacr", "unique_name"], "2.0": ["azp", "azpacr", "preferred_username"] };

const request = (overrides: Partial<AgentTokenRequest> = {}): AgentTokenRequest => ({
  version: "1.0",
  stsUrl: "https://localhost:4010",
  tenantId: "0f4e2a3c-6b1d-4c8e-9a7f-2d5b8c1e4a60",
  apiClientId: "5a8d3c21-9e4f-4b7a-8c6d-1e2f3a4b5c6d",
  resource: "api://5a8d3c21-9e4f-4b7a-8c6d-1e2f3a4b5c6d",
  clientAppId: "9b1c2d3e-4f50-4a6b-8c7d-0e1f2a3b4c5d",
  appOnly: false,
  optionalClaims: [],
  oid: "11111111-2222-4333-8444-555555555555",
  name: "Hana Helpdesk",
  userName: "hana.helpdesk@partner.example",
  scp: "access_as_user",
  roles: ["HELPDESK_AGENT"],
  issuedAt: 1_800_000_000,
  notBefore: 1_799_999_700,
  expiresAt: 1_800_004_500,
  ...overrides,
});

const typeOf = (value: unknown) => (Array.isArray(value) ? "array" : typeof value);

describe("contract: the emulator's agent tokens have the claims of Microsoft's example tokens", () => {
  for (const version of ["1.0", "2.0"] as const) {
    it(`v${version} user token: the example's claim names and value types`, () => {
      const claims = entraAccessTokenClaims(request({ version }));
      const expected = [...Object.keys(EXAMPLE[version]).filter((name) => !IF_APPLICABLE.has(name)), ...DOCUMENTED_EXTRA[version]].sort();
      expect(Object.keys(claims).sort()).toEqual(expected);
      for (const [name, value] of Object.entries(EXAMPLE[version])) {
        if (name in claims) expect(typeOf(claims[name]), name).toBe(typeOf(value));
      }
      for (const name of ONLY_IN[version === "1.0" ? "2.0" : "1.0"]) expect(claims, name).not.toHaveProperty(name);
      expect(claims.ver).toBe(version);
    });
  }

  it("v1.0: STS issuer `{sts}/{tid}/`, audience as requested; v2.0: issuer ending /v2.0, audience the client id", () => {
    const v1 = entraAccessTokenClaims(request({ version: "1.0", resource: "api://5a8d3c21-9e4f-4b7a-8c6d-1e2f3a4b5c6d/" }));
    expect(v1.iss).toBe("https://localhost:4010/0f4e2a3c-6b1d-4c8e-9a7f-2d5b8c1e4a60/");
    expect(v1.aud).toBe("api://5a8d3c21-9e4f-4b7a-8c6d-1e2f3a4b5c6d/");
    const v2 = entraAccessTokenClaims(request({ version: "2.0" }));
    expect(v2.iss).toBe("https://localhost:4010/0f4e2a3c-6b1d-4c8e-9a7f-2d5b8c1e4a60/v2.0");
    expect(v2.aud).toBe("5a8d3c21-9e4f-4b7a-8c6d-1e2f3a4b5c6d");
    // the same forms as Microsoft's examples
    expect(EXAMPLE["1.0"].iss).toMatch(/^https:\/\/sts\.windows\.net\/[0-9a-f-]+\/$/);
    expect(EXAMPLE["2.0"].iss).toMatch(/\/v2\.0$/);
  });

  it("user `sub` is pairwise (not the oid), like the examples'; app-only `sub` is the service principal", () => {
    const user = entraAccessTokenClaims(request());
    expect(user.sub).not.toBe(user.oid);
    expect(user.sub).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(String(EXAMPLE["2.0"].sub)).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const app = entraAccessTokenClaims(request({ appOnly: true }));
    expect(app.sub).toBe(app.oid);
  });

  it("app-only tokens: no scp, name or user name; idtyp only with the optional claim", () => {
    for (const version of ["1.0", "2.0"] as const) {
      const app = entraAccessTokenClaims(request({ version, appOnly: true }));
      for (const name of ["scp", "name", "upn", "unique_name", "preferred_username", "idtyp"]) expect(app, name).not.toHaveProperty(name);
      expect(entraAccessTokenClaims(request({ version, appOnly: true, optionalClaims: ["idtyp"] })).idtyp).toBe("app");
      // the optional claim does not reach user tokens without include_user_token
      expect(entraAccessTokenClaims(request({ version, optionalClaims: ["idtyp"] }))).not.toHaveProperty("idtyp");
    }
  });

  it("no roles claim when no app role is assigned (claims are present only if a value exists)", () => {
    expect(entraAccessTokenClaims(request({ roles: [] }))).not.toHaveProperty("roles");
  });

  it("test overrides replace a claim, and null removes it", () => {
    const claims = withOverrides(entraAccessTokenClaims(request()), { exp: null, aud: "api://elsewhere" });
    expect(claims).not.toHaveProperty("exp");
    expect(claims.aud).toBe("api://elsewhere");
  });
});
