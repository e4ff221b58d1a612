import { createHash, randomBytes } from "node:crypto";
import { decodeJwt } from "jose";
import { Agent, fetch as undiciFetch } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../../src/emulator";

/** The emulator's browser sign-in over HTTPS, step by step as MSAL.js runs it, with its refusals. */
describe("emulator: browser sign-in (authorization code + PKCE)", () => {
  let emulator: RunningEmulator;
  let dispatcher: Agent;
  const verifier = randomBytes(32).toString("base64url");
  const challenge = createHash("sha256").update(verifier).digest("base64url");
  const redirectUri = "http://localhost:4000/signin";

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, tenants: 2 });
    dispatcher = new Agent({ connect: { ca: emulator.caCertPem } });
  });
  afterAll(async () => {
    await dispatcher?.close();
    await emulator?.close();
  });

  const authorizeParams = (overrides: Record<string, string> = {}) =>
    new URLSearchParams({ client_id: emulator.clientId, response_type: "code", redirect_uri: redirectUri, scope: `api://${emulator.clientId}/access_as_user openid profile offline_access`, state: "s-1", nonce: "n-1", code_challenge: challenge, code_challenge_method: "S256", response_mode: "fragment", ...overrides });
  const authorizeUrl = () => `${emulator.url}/${emulator.partnerTenantId}/oauth2/v2.0/authorize`;
  const post = (url: string, form: URLSearchParams, headers: Record<string, string> = {}) =>
    undiciFetch(url, { method: "POST", body: form.toString(), headers: { "content-type": "application/x-www-form-urlencoded", ...headers }, redirect: "manual", dispatcher });
  const codeFor = async (user: string) => {
    const response = await post(authorizeUrl(), new URLSearchParams({ ...Object.fromEntries(authorizeParams()), user }));
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get("location")!);
    expect(`${location.origin}${location.pathname}`).toBe(redirectUri);
    const answer = new URLSearchParams(location.hash.slice(1));
    expect(answer.get("state")).toBe("s-1");
    return answer.get("code")!;
  };
  const redeem = (code: string, codeVerifier = verifier) =>
    post(`${emulator.url}/${emulator.partnerTenantId}/oauth2/v2.0/token`, new URLSearchParams({ client_id: emulator.clientId, grant_type: "authorization_code", code, redirect_uri: redirectUri, code_verifier: codeVerifier, client_info: "1" }), { origin: "http://localhost:4000" });

  it("shows a sign-in page with the demo users and carries the request through the form", async () => {
    const page = await undiciFetch(`${authorizeUrl()}?${authorizeParams().toString()}`, { dispatcher });
    expect(page.headers.get("content-type")).toMatch(/text\/html/);
    const html = await page.text();
    expect(html).toContain("Lea Lead");
    expect(html).toContain(`name="code_challenge" value="${challenge}"`);
  });

  it("redeems a code once, with the right verifier, for an access token with the user's app role, an ID token with the nonce and client_info", async () => {
    const code = await codeFor("SUPPORT_LEAD");
    const response = await redeem(code);
    expect(response.status).toBe(200);
    expect(response.headers.get("access-control-allow-origin")).toBe("http://localhost:4000");
    const body = (await response.json()) as { access_token: string; id_token: string; client_info: string; refresh_token?: string };
    const access = decodeJwt(body.access_token);
    expect(access).toMatchObject({ aud: `api://${emulator.clientId}`, roles: ["SUPPORT_LEAD"], name: "Lea Lead", tid: emulator.partnerTenantId, scp: "access_as_user" });
    expect(decodeJwt(body.id_token)).toMatchObject({ aud: emulator.clientId, nonce: "n-1", name: "Lea Lead" });
    expect(JSON.parse(Buffer.from(body.client_info, "base64url").toString("utf8"))).toEqual({ uid: access.oid, utid: emulator.partnerTenantId });
    expect(body.refresh_token).toBeDefined();
    // One use only.
    const again = await redeem(code);
    expect(again.status).toBe(400);
    expect(((await again.json()) as { error: string }).error).toBe("invalid_grant");
  });

  it("refuses a wrong PKCE verifier, a request without PKCE, an unknown client and an unknown user", async () => {
    const wrong = await redeem(await codeFor("HELPDESK_AGENT"), randomBytes(32).toString("base64url"));
    expect(wrong.status).toBe(400);
    expect(((await wrong.json()) as { error_description: string }).error_description).toMatch(/AADSTS501481/);

    const noPkce = await undiciFetch(`${authorizeUrl()}?${authorizeParams({ code_challenge: "" }).toString()}`, { dispatcher });
    expect(noPkce.status).toBe(200); // the page shows; the post is refused
    // Sent back to the app as an error redirect (v2-oauth2-auth-code-flow.md, "Error response").
    const refusedPkce = await post(authorizeUrl(), new URLSearchParams({ ...Object.fromEntries(authorizeParams({ code_challenge: "" })), user: "HELPDESK_AGENT" }));
    expect(refusedPkce.status).toBe(302);
    expect(new URLSearchParams(new URL(refusedPkce.headers.get("location")!).hash.slice(1)).get("error")).toBe("invalid_request");
    const unknownClient = await post(authorizeUrl(), new URLSearchParams({ ...Object.fromEntries(authorizeParams({ client_id: "00000000-0000-0000-0000-000000000000" })), user: "HELPDESK_AGENT" }));
    expect(unknownClient.status).toBe(400);
    const unknownUser = await post(authorizeUrl(), new URLSearchParams({ ...Object.fromEntries(authorizeParams()), user: "ROOT" }));
    expect(unknownUser.status).toBe(400);
  });

  it("answers CORS preflights on the identity endpoints", async () => {
    const preflight = await undiciFetch(`${emulator.url}/${emulator.partnerTenantId}/oauth2/v2.0/token`, {
      method: "OPTIONS",
      headers: { origin: "http://localhost:4000", "access-control-request-method": "POST", "access-control-request-headers": "x-client-sku" },
      dispatcher,
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-headers")).toBe("x-client-sku");
  });
});
