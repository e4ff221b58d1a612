import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadFixture } from "../fixtures/load-fixture";
import { GRAPH_SCOPE, PC_SCOPE, startKit, type EmulatorKit } from "../integration/emulator/emulator-test-kit";
import { agentAssertion } from "./support/emulator-user-tokens";
import { allowProperties, extraPaths, missingPaths, shapeOf } from "./support/json-shape";

/**
 * The emulator's token endpoint for the grants the gateway's own credentials use (@azure/identity's
 * ClientSecretCredential and OnBehalfOfCredential) against Microsoft's published answers:
 * entra-docs v2-oauth2-client-creds-grant-flow.md (success and 400 error) and
 * v2-oauth2-on-behalf-of-flow.md (success and error). `ext_expires_in` is allowed beyond the
 * client-credentials example: the on-behalf-of example and MSAL.js's ServerAuthorizationTokenResponse
 * show it. Sources: test/fixtures/microsoft/SOURCES.md ("Entra token endpoint").
 */
const entra = <T = Record<string, unknown>>(name: string): T => loadFixture<T>(`microsoft/entra/${name}`);
const clientCredentials = entra("client-credentials/token.200.json");
const clientCredentialsError = entra("client-credentials/token.error.400.json");
const onBehalfOf = entra("on-behalf-of/token.200.json");
const onBehalfOfError = entra("on-behalf-of/token.error.json");
const openIdConfiguration = entra<Record<string, unknown>>("openid-configuration.partial.json");

const form = (values: Record<string, string>) => ({ headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams(values).toString() });
/** The published error trailer: CRLF, then Trace ID, Correlation ID and Timestamp, the same values as the fields. */
const trailerOf = (body: Record<string, unknown>) =>
  `\r\nTrace ID: ${String(body["trace_id"])}\r\nCorrelation ID: ${String(body["correlation_id"])}\r\nTimestamp: ${String(body["timestamp"])}`;

describe("contract: the emulator's token endpoint answers as Microsoft documents it", () => {
  let kit: EmulatorKit;
  beforeAll(async () => {
    kit = await startKit({ tenants: 2 });
  });
  afterAll(async () => {
    await kit?.close();
  });

  const token = (values: Record<string, string>) => kit.request("POST", `/${kit.emulator.partnerTenantId}/oauth2/v2.0/token`, form(values));
  const credentials = () => ({ client_id: kit.emulator.clientId, client_secret: kit.emulator.clientSecret });

  it("client credentials: the example's fields and types (plus ext_expires_in), no scope and no refresh token", async () => {
    for (const scope of [GRAPH_SCOPE, PC_SCOPE]) {
      const res = await token({ grant_type: "client_credentials", scope, ...credentials() });
      expect(res.status).toBe(200);
      expect(missingPaths(res.body, clientCredentials)).toEqual([]);
      expect(extraPaths(res.body, allowProperties(shapeOf(clientCredentials), "", ["ext_expires_in"]))).toEqual([]);
      expect(typeof res.body.ext_expires_in).toBe("number");
      expect(res.body.token_type).toBe("Bearer");
    }
  });

  it("client credentials with an invalid scope: 400 with exactly the error example's fields, AADSTS70011, the published trailer", async () => {
    const res = await token({ grant_type: "client_credentials", scope: "https://foo.microsoft.com/.default", ...credentials() });
    expect(res.status).toBe(400);
    expect(Object.keys(res.body).sort()).toEqual(Object.keys(clientCredentialsError).sort());
    expect(extraPaths(res.body, shapeOf(clientCredentialsError))).toEqual([]);
    expect(res.body.error).toBe(clientCredentialsError["error"]);
    expect(res.body.error_codes).toEqual(clientCredentialsError["error_codes"]);
    expect(String(res.body.error_description)).toMatch(/^AADSTS70011: /);
    expect(String(res.body.error_description).endsWith(trailerOf(res.body))).toBe(true);
    expect(String(clientCredentialsError["error_description"])).toContain("\r\nTrace ID: ");
  });

  it("on-behalf-of: the example's fields and types; refresh_token only for offline_access, as the page says", async () => {
    const assertion = agentAssertion({ oid: "6b1f4c1e-58a4-4c36-9f41-8a8b4e7d2c10", name: "Hana Helpdesk" });
    const base = { grant_type: "urn:ietf:params:oauth:grant-type:jwt-bearer", requested_token_use: "on_behalf_of", assertion, ...credentials() };
    const withRefresh = await token({ ...base, scope: `${PC_SCOPE} offline_access` });
    expect(withRefresh.status).toBe(200);
    expect(missingPaths(withRefresh.body, onBehalfOf)).toEqual([]);
    expect(extraPaths(withRefresh.body, shapeOf(onBehalfOf))).toEqual([]);
    const { refresh_token: _refresh, ...withoutRefreshExample } = onBehalfOf;
    const plain = await token({ ...base, scope: PC_SCOPE });
    expect(Object.keys(plain.body).sort()).toEqual(Object.keys(withoutRefreshExample).sort());
    expect(extraPaths(plain.body, shapeOf(onBehalfOf))).toEqual([]);
  });

  it("on-behalf-of with an expired assertion: the error example's fields (claims is a Conditional Access challenge, absent here), AADSTS500133", async () => {
    const expired = agentAssertion({ oid: "6b1f4c1e-58a4-4c36-9f41-8a8b4e7d2c10", name: "Hana Helpdesk" }, -60);
    const res = await token({ grant_type: "urn:ietf:params:oauth:grant-type:jwt-bearer", requested_token_use: "on_behalf_of", assertion: expired, scope: GRAPH_SCOPE, ...credentials() });
    expect(res.status).toBe(400);
    const { claims: _claims, ...withoutClaims } = onBehalfOfError;
    expect(Object.keys(res.body).sort()).toEqual(Object.keys(withoutClaims).sort());
    expect(extraPaths(res.body, shapeOf(onBehalfOfError))).toEqual([]);
    expect(res.body.error).toBe("invalid_grant");
    expect(res.body.error_codes).toEqual([500133]);
    expect(String(res.body.error_description).endsWith(trailerOf(res.body))).toBe(true);
  });

  it("OpenID metadata: every field of the published sample (truncated there), same types, the same endpoint paths", async () => {
    for (const tenant of [kit.emulator.partnerTenantId, "common", "organizations"]) {
      const res = await kit.request("GET", `/${tenant}/v2.0/.well-known/openid-configuration`);
      expect(res.status).toBe(200);
      expect(missingPaths(res.body, openIdConfiguration)).toEqual([]);
      for (const [name, value] of Object.entries(openIdConfiguration)) expect(Array.isArray(res.body[name]) ? "array" : typeof res.body[name], name).toBe(Array.isArray(value) ? "array" : typeof value);
      for (const name of ["authorization_endpoint", "token_endpoint", "jwks_uri"]) {
        const path = String(openIdConfiguration[name]).replace("https://login.microsoftonline.com/{tenant}", "");
        expect(res.body[name]).toBe(`${kit.emulator.url}/${tenant}${path}`);
      }
      expect(res.body.subject_types_supported).toEqual(openIdConfiguration["subject_types_supported"]);
    }
  });
});
