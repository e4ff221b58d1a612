import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config";
import { startEmulator, type RunningEmulator } from "../../src/emulator";
import { startApp, type RunningApp } from "../../src/server/app";
import { createLogger } from "../../src/server/logger";
import { microsoftModeEnv } from "../e2e/support/microsoft-mode-env";
import { ensureConsoleBuilt, expectAccessible, launchBrowser, offlineContext, screenshot, type TestBrowser } from "./support/browser";

/**
 * Microsoft mode in Chromium: the console signs in with MSAL (authorization code + PKCE) against
 * the emulator's Entra ID, through its sign-in page, exactly as it would against Entra ID; the
 * gateway then verifies the access token like any Entra token. Only the gateway and the emulator
 * are reachable (the emulator's self-signed certificate is accepted for this context only).
 */
let dataDir: string;
let emulator: RunningEmulator;
let app: RunningApp;
let chromium: TestBrowser;

beforeAll(async () => {
  ensureConsoleBuilt();
  dataDir = mkdtempSync(join(tmpdir(), "psg-browser-microsoft-"));
  emulator = await startEmulator({ port: 0, tenants: 4 });
  const caFile = join(dataDir, "upstream-ca.pem");
  writeFileSync(caFile, emulator.caCertPem);
  app = await startApp(parseConfig({ ...microsoftModeEnv(emulator, dataDir, caFile), HOST: "127.0.0.1", ESCALATION_WORKERS: "off" }), createLogger("silent"));
  chromium = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await chromium?.close();
  await app?.close();
  await emulator?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe("the console in Chromium (microsoft mode)", { timeout: 90_000 }, () => {
  it("signs in through the emulator's Entra ID sign-in page with MSAL and calls the API with the token", async () => {
    const { context, outside } = await offlineContext(chromium.browser, [app.gateway.url, emulator.url], { ignoreHTTPSErrors: true });
    const page = await context.newPage();
    await page.goto(`${app.gateway.url}/`);
    await page.getByRole("button", { name: "Sign in with Microsoft" }).click();
    await page.waitForURL((url) => url.href.startsWith(`${emulator.url}/${emulator.partnerTenantId}/oauth2/v2.0/authorize`));
    expect(new URL(page.url()).searchParams.get("code_challenge_method")).toBe("S256");
    await screenshot(page, "13-microsoft-sign-in");
    await page.getByRole("button", { name: /Lea Lead/ }).click();
    await page.getByTestId("signed-in-agent").filter({ hasText: "Lea Lead" }).waitFor({ timeout: 30_000 });
    expect(await page.locator(".top-bar .role").textContent()).toBe("SUPPORT_LEAD");
    // The Entra token works for the lead's pages: the audit log answers (no FORBIDDEN, no UNAUTHENTICATED).
    await page.getByRole("link", { name: "Audit" }).click();
    await page.getByRole("heading", { name: "Audit", exact: true }).waitFor();
    await expect.poll(() => page.locator(".pager").textContent()).toMatch(/Page 1/);
    expect(await page.locator(".errors").count()).toBe(0);
    await expectAccessible(page, "audit (microsoft mode)");
    expect(outside).toEqual([]);
    await context.close();
  });

  it("the sandbox token route does not exist in microsoft mode", async () => {
    const response = await fetch(`${app.gateway.url}/console/sandbox-token`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ role: "SUPPORT_LEAD" }) });
    expect(response.status).toBe(404);
    const config = (await (await fetch(`${app.gateway.url}/console/config.json`)).json()) as { mode: string; authority: string; scopes: string[] };
    expect(config.mode).toBe("microsoft");
    expect(config.authority).toBe(`${emulator.url}/${emulator.partnerTenantId}`);
    expect(config.scopes).toEqual([`api://${emulator.clientId}/access_as_user`]);
  });
});
