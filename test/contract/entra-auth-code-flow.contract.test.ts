import { createHash, randomBytes } from "node:crypto";
import { decodeJwt, decodeProtectedHeader } from "jose";
import { Agent, fetch } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../src/emulator";
import { loadFixture } from "../fixtures/load-fixture";
import { allowProperties, extraPaths, missingPaths, shapeOf } from "./support/json-shape";

/**
 * The emulator's browser sign-in (authorization code flow with PKCE, what MSAL.js runs in the
 * console) against Microsoft's published examples: entra-docs v2-oauth2-auth-code-flow.md (the
 * authorize request, its success and error redirects, the token answer and the token error),
 * reference-error-codes.md (error codes), id-tokens.md / id-token-claims-reference.md (the v2.0
 * ID token), and the two answer types of MSAL.js (client_info, ext_expires_in). Sources:
 * test/fixtures/microsoft/SOURCES.md, section "Entra authorization code flow".
 */
const flow = <T = any>(name: string): T => loadFixture<T>(`microsoft/entra/auth-code-flow/${name}`);
const authorizeExample = flow<Record<string, string>>("authorize.request.json");
const successExample = flow<Record<string, string>>("authorize.success.query.json");
const errorRedirectExample = flow<Record<string, string>>("authorize.error.query.json");
const tokenRequestExample = flow<Record<string, string>>("token.request.form.json");
const tokenExample = flow<Record<string, unknown>>("token.200.json");
const tokenErrorExample = flow<Record<string, unknown>>("token.error.400.json");
const codes = flow<{ authorize: string[]; token: string[]; tokenErrorOptional: string[]; aadsts: Record<string, string> }>("error-codes.json");
const idTokenHeaderExample = loadFixture<Record<string, unknown>>("microsoft/entra/id-token-v2.0.header.json");
const idTokenExample = loadFixture<Record<string, unknown>>("microsoft/entra/id-token-v2.0.claims.json");
const idTokenReference = loadFixture<{ header: string[]; payload: string[]; v1Only: string[] }>("microsoft/entra/id-token-claims-reference.json");

/** MSAL.js's ServerAuthorizationTokenResponse: fields the doc example does not show that Entra ID sends. */
const MSAL_TOKEN_FIELDS = ["ext_expires_in", "client_info"];

describe("contract: the emulator's authorization code flow answers as Microsoft documents it", () => {
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

  /** The example's parameters, with this emulator's values. */
  const authorizeParams = (overrides: Record<string, string | null> = {}) => {
    const values: Record<string, string | null> = {
      client_id: emulator.clientId,
      response_type: "code",
      redirect_uri: redirectUri,
      response_mode: "query",
      scope: `api://${emulator.clientId}/access_as_user openid profile offline_access`,
      state: "12345",
      code_challenge: challenge,
      code_challenge_method: "S256",
      nonce: "abcde",
      ...overrides,
    };
    return new URLSearchParams(Object.entries(values).filter((entry): entry is [string, string] => entry[1] !== null));
  };
  const authorizeUrl = () => `${emulator.url}/${emulator.partnerTenantId}/oauth2/v2.0/authorize`;
  const tokenUrl = () => `${emulator.url}/${emulator.partnerTenantId}/oauth2/v2.0/token`;
  const post = (url: string, form: URLSearchParams) =>
    fetch(url, { method: "POST", body: form.toString(), headers: { "content-type": "application/x-www-form-urlencoded" }, redirect: "manual", dispatcher });
  /** The sign-in page's form posted back with a chosen user (or Cancel). */
  const signIn = (params: URLSearchParams, choice: Record<string, string> = { user: "HELPDESK_AGENT" }) => post(authorizeUrl(), new URLSearchParams({ ...Object.fromEntries(params), ...choice }));
  /** The answer's parameters at the redirect URI, whatever the response mode. */
  const answerOf = async (response: Awaited<ReturnType<typeof fetch>>): Promise<{ base: string; mode: string; params: Record<string, string> }> => {
    if (response.status === 302) {
      const location = new URL(response.headers.get("location")!);
      const mode = location.hash !== "" ? "fragment" : "query";
      return { base: `${location.origin}${location.pathname}`, mode, params: Object.fromEntries(new URLSearchParams(mode === "fragment" ? location.hash.slice(1) : location.search)) };
    }
    const html = await response.text();
    const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1] ?? "";
    const params = Object.fromEntries([...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [m[1]!, m[2]!]));
    return { base: action, mode: "form_post", params };
  };
  const codeFor = async (overrides: Record<string, string | null> = {}) => (await answerOf(await signIn(authorizeParams(overrides)))).params["code"]!;
  const redeemForm = (code: string, overrides: Record<string, string | null> = {}) => {
    const values: Record<string, string | null> = {
      client_id: emulator.clientId,
      scope: `api://${emulator.clientId}/access_as_user openid profile offline_access`,
      code,
      redirect_uri: redirectUri,
      grant_type: "authorization_code",
      code_verifier: verifier,
      ...overrides,
    };
    return new URLSearchParams(Object.entries(values).filter((entry): entry is [string, string] => entry[1] !== null));
  };
  const redeem = (code: string, overrides: Record<string, string | null> = {}) => post(tokenUrl(), redeemForm(code, overrides));

  describe("/authorize", () => {
    it("takes the example request's parameters and redirects with exactly the example's code and state (response_mode=query)", async () => {
      expect(Object.keys(Object.fromEntries(authorizeParams({ nonce: null })))).toEqual(Object.keys(authorizeExample));
      const response = await signIn(authorizeParams({ nonce: null }));
      expect(response.status).toBe(302);
      const answer = await answerOf(response);
      expect(answer).toMatchObject({ base: redirectUri, mode: "query" });
      expect(Object.keys(answer.params).sort()).toEqual(Object.keys(successExample).sort());
      expect(answer.params["state"]).toBe(authorizeExample["state"]);
    });

    it("answers in the response mode asked for, query when none is named; client_info only when MSAL asks (client_info=1)", async () => {
      for (const mode of ["query", "fragment", "form_post"]) {
        const answer = await answerOf(await signIn(authorizeParams({ response_mode: mode })));
        expect(answer.mode, mode).toBe(mode);
        expect(answer.base).toBe(redirectUri);
        expect(Object.keys(answer.params).sort(), mode).toEqual(Object.keys(successExample).sort());
      }
      expect((await answerOf(await signIn(authorizeParams({ response_mode: null })))).mode).toBe("query");
      const withClientInfo = await answerOf(await signIn(authorizeParams({ client_info: "1" })));
      expect(Object.keys(withClientInfo.params).sort()).toEqual([...Object.keys(successExample), "client_info"].sort());
    });

    it("sends errors the app can handle back to the redirect URI as the error example (error, error_description, and state when one was sent)", async () => {
      const cancelled = await answerOf(await signIn(authorizeParams({ state: null }), { cancel: "1" }));
      expect(cancelled.base).toBe(redirectUri);
      expect(Object.keys(cancelled.params).sort()).toEqual(Object.keys(errorRedirectExample).sort());
      expect(cancelled.params["error"]).toBe(errorRedirectExample["error"]);

      const refusals: { overrides: Record<string, string | null>; error: string }[] = [
        { overrides: { code_challenge: null }, error: "invalid_request" },
        { overrides: { code_challenge_method: "S512" }, error: "invalid_request" },
        { overrides: { response_type: "token" }, error: "unsupported_response_type" },
      ];
      for (const { overrides, error } of refusals) {
        const response = await signIn(authorizeParams(overrides));
        expect(response.status).toBe(302);
        const answer = await answerOf(response);
        expect(answer.base).toBe(redirectUri);
        expect(Object.keys(answer.params).sort()).toEqual([...Object.keys(errorRedirectExample), "state"].sort());
        expect(answer.params["error"]).toBe(error);
        expect(codes.authorize).toContain(answer.params["error"]);
      }
    });

    it("never redirects for an unknown client or an unusable redirect URI (the answer cannot be trusted to them)", async () => {
      const untrusted: Record<string, string>[] = [{ client_id: "00000000-0000-0000-0000-000000000000" }, { redirect_uri: "signin" }];
      for (const overrides of untrusted) {
        const response = await signIn(authorizeParams(overrides));
        expect(response.status).toBe(400);
        expect(response.headers.get("location")).toBeNull();
        expect(codes.authorize).toContain(((await response.json()) as { error: string }).error);
      }
    });
  });

  describe("/token (authorization_code grant)", () => {
    it("takes the example request's parameters (a public client: no secret) and answers with the example's fields and types", async () => {
      const form = redeemForm(await codeFor());
      expect([...form.keys()]).toEqual(Object.keys(tokenRequestExample).filter((name) => name !== "client_secret"));
      const response = await post(tokenUrl(), form);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toMatch(/^application\/json/);
      const body = (await response.json()) as Record<string, unknown>;
      expect(missingPaths(body, tokenExample)).toEqual([]);
      expect(extraPaths(body, allowProperties(shapeOf(tokenExample), "", MSAL_TOKEN_FIELDS))).toEqual([]);
      expect(body["token_type"]).toBe("Bearer");
      expect(typeof body["ext_expires_in"]).toBe("number");
      // "The scopes that the access_token is valid for": the API's scope, not the OpenID Connect ones.
      expect(body["scope"]).toBe(`api://${emulator.clientId}/access_as_user`);
      expect(body).not.toHaveProperty("client_info");
    });

    it("sends refresh_token only for offline_access and id_token only for openid, client_info only for client_info=1", async () => {
      const bare = (await (await redeem(await codeFor({ scope: `api://${emulator.clientId}/access_as_user` }), { scope: `api://${emulator.clientId}/access_as_user` })).json()) as Record<string, unknown>;
      expect(Object.keys(bare).sort()).toEqual(["access_token", "expires_in", "ext_expires_in", "scope", "token_type"]);
      const withInfo = (await (await redeem(await codeFor(), { client_info: "1" })).json()) as Record<string, string>;
      const info = JSON.parse(Buffer.from(withInfo["client_info"]!, "base64url").toString("utf8"));
      expect(info).toEqual({ uid: decodeJwt(withInfo["access_token"]!)["oid"], utid: emulator.partnerTenantId });
    });

    it("the ID token: the example v2.0 token's header and claim names and types, within the claims reference, with the request's nonce", async () => {
      const body = (await (await redeem(await codeFor())).json()) as { id_token: string };
      const header = decodeProtectedHeader(body.id_token);
      expect(Object.keys(header).sort()).toEqual(Object.keys(idTokenHeaderExample).sort());
      const claims = decodeJwt(body.id_token);
      expect(Object.keys(claims).sort()).toEqual(Object.keys(idTokenExample).sort());
      for (const [name, value] of Object.entries(idTokenExample)) expect(typeof claims[name], name).toBe(typeof value);
      for (const name of Object.keys(claims)) expect(idTokenReference.payload, name).toContain(name);
      for (const name of idTokenReference.v1Only) expect(claims).not.toHaveProperty(name);
      expect(claims).toMatchObject({ ver: "2.0", aud: emulator.clientId, tid: emulator.partnerTenantId, nonce: "abcde" });
      expect(claims.iss).toBe(`${emulator.url}/${emulator.partnerTenantId}/v2.0`);
      expect(String(claims.sub)).toHaveLength(String(idTokenExample["sub"]).length);
      // Without the profile scope: no name, preferred_username or oid.
      const plain = decodeJwt(((await (await redeem(await codeFor({ scope: `api://${emulator.clientId}/access_as_user openid` }), { scope: null })).json()) as { id_token: string }).id_token);
      for (const name of ["name", "preferred_username", "oid"]) expect(plain).not.toHaveProperty(name);
    });

    /** The error example's exact fields and types, an error of the token table, and its AADSTS code in three places. */
    const expectTokenError = async (response: Awaited<ReturnType<typeof fetch>>, error: string, aadsts: string) => {
      expect(response.status).toBe(400);
      const body = (await response.json()) as Record<string, unknown>;
      expect(Object.keys(body).sort()).toEqual(Object.keys(tokenErrorExample).sort());
      expect(extraPaths(body, shapeOf(tokenErrorExample))).toEqual([]);
      expect(body["error"]).toBe(error);
      expect(codes.token).toContain(body["error"]);
      expect(body["error_codes"]).toEqual([Number(aadsts.replace("AADSTS", ""))]);
      expect(body["timestamp"]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}Z$/);
      // As published: "AADSTS70011: ...\r\nTrace ID: ...\r\nCorrelation ID: ...\r\nTimestamp: ..."
      expect(String(tokenErrorExample["error_description"])).toMatch(/^AADSTS\d+: .+\r\nTrace ID: [0-9a-f-]+\r\nCorrelation ID: [0-9a-f-]+\r\nTimestamp: .+Z$/s);
      expect(body["error_description"]).toBe(
        `${aadsts}: ${String(body["error_description"]).slice(aadsts.length + 2).split("\r\n")[0]}\r\nTrace ID: ${String(body["trace_id"])}\r\nCorrelation ID: ${String(body["correlation_id"])}\r\nTimestamp: ${String(body["timestamp"])}`,
      );
      expect(Object.keys(codes.aadsts)).toContain(aadsts);
    };

    it("a wrong PKCE verifier: invalid_grant AADSTS501481", async () => {
      await expectTokenError(await redeem(await codeFor(), { code_verifier: randomBytes(32).toString("base64url") }), "invalid_grant", "AADSTS501481");
    });

    it("a code redeemed twice: invalid_grant AADSTS54005 the second time", async () => {
      const code = await codeFor();
      expect((await redeem(code)).status).toBe(200);
      await expectTokenError(await redeem(code), "invalid_grant", "AADSTS54005");
    });

    it("another redirect_uri than the authorize request's: invalid_grant AADSTS50011", async () => {
      await expectTokenError(await redeem(await codeFor(), { redirect_uri: "http://localhost:4000/other" }), "invalid_grant", "AADSTS50011");
    });

    it("an unknown client: unauthorized_client AADSTS700016 (the application was not found)", async () => {
      await expectTokenError(await redeem(await codeFor(), { client_id: "00000000-0000-0000-0000-000000000000" }), "unauthorized_client", "AADSTS700016");
    });

    it("refresh_token grant: the refresh example's fields, a new refresh token, the old one still valid; unknown or widened: the error shape", async () => {
      const first = (await (await redeem(await codeFor())).json()) as Record<string, string>;
      const refresh = (token: string, scope = `api://${emulator.clientId}/access_as_user openid profile offline_access`) =>
        post(tokenUrl(), new URLSearchParams({ client_id: emulator.clientId, scope, refresh_token: token, grant_type: "refresh_token" }));
      const response = await refresh(first["refresh_token"]!);
      expect(response.status).toBe(200);
      const body = (await response.json()) as Record<string, unknown>;
      expect(missingPaths(body, tokenExample)).toEqual([]);
      expect(extraPaths(body, allowProperties(shapeOf(tokenExample), "", MSAL_TOKEN_FIELDS))).toEqual([]);
      expect(body["refresh_token"]).not.toBe(first["refresh_token"]);
      expect(decodeJwt(String(body["access_token"]))["oid"]).toBe(decodeJwt(first["access_token"]!)["oid"]);
      // "Refresh tokens aren't revoked when used to acquire new access tokens."
      expect((await refresh(first["refresh_token"]!)).status).toBe(200);
      await expectTokenError(await refresh("not-a-refresh-token"), "invalid_grant", "AADSTS9002313");
      await expectTokenError(await refresh(first["refresh_token"]!, "https://graph.microsoft.com/Mail.Read"), "invalid_scope", "AADSTS70011");
    });

    it("a code redeemed against another tenant: invalid_grant AADSTS700005", async () => {
      const code = await codeFor();
      const other = emulator.seed.tenants[0]!.id;
      const form = new URLSearchParams({ client_id: emulator.clientId, code, redirect_uri: redirectUri, grant_type: "authorization_code", code_verifier: verifier });
      await expectTokenError(await post(`${emulator.url}/${other}/oauth2/v2.0/token`, form), "invalid_grant", "AADSTS700005");
    });
  });
});
