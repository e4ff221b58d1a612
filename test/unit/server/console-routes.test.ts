import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { consoleRouter, type ConsoleSignIn } from "../../../src/server/console.routes";

/** The console routes on a real loopback server over a small built-console folder. */
async function serve(directory: string, signIn: ConsoleSignIn): Promise<{ url: string; server: Server }> {
  const app = express();
  app.get("/health", (_req, res) => res.json({ status: "ok" }));
  app.use(consoleRouter({ directory, signIn }));
  const server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

describe("console routes", () => {
  let built: string;
  let empty: string;
  const running: Server[] = [];
  const sandbox: ConsoleSignIn = { mode: "sandbox", issueToken: async (role) => `token-for-${role}` };

  beforeAll(() => {
    built = mkdtempSync(join(tmpdir(), "psg-console-"));
    mkdirSync(join(built, "assets"));
    writeFileSync(join(built, "index.html"), "<!doctype html><title>console</title>");
    writeFileSync(join(built, "explorer.html"), "<!doctype html><title>explorer</title>");
    writeFileSync(join(built, "assets", "index-abc.js"), "console.log(1)");
    empty = mkdtempSync(join(tmpdir(), "psg-console-empty-"));
  });
  afterAll(() => {
    for (const server of running) server.close();
    rmSync(built, { recursive: true, force: true });
    rmSync(empty, { recursive: true, force: true });
  });

  it("serves the shell for client routes, the explorer, hashed assets immutable, and leaves API paths alone", async () => {
    const { url, server } = await serve(built, sandbox);
    running.push(server);
    for (const path of ["/", "/desk", "/audit/tickets/t-1"]) {
      const response = await fetch(`${url}${path}`, { headers: { accept: "text/html" } });
      expect(response.status, path).toBe(200);
      expect(await response.text()).toContain("<title>console</title>");
      expect(response.headers.get("cache-control")).toBe("no-cache");
    }
    expect(await (await fetch(`${url}/explorer`)).text()).toContain("<title>explorer</title>");
    const asset = await fetch(`${url}/assets/index-abc.js`);
    expect(asset.headers.get("cache-control")).toContain("immutable");
    expect((await fetch(`${url}/assets/missing.js`)).status).toBe(404);
    expect((await fetch(`${url}/exports/audit.csv`, { headers: { accept: "text/html" } })).status).toBe(404);
    expect(await (await fetch(`${url}/health`)).json()).toEqual({ status: "ok" });
  });

  it("mints a sandbox token for a demo role and refuses anything else with BAD_USER_INPUT", async () => {
    const { url, server } = await serve(built, sandbox);
    running.push(server);
    const post = (body: unknown) => fetch(`${url}/console/sandbox-token`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    const good = await post({ role: "SUPPORT_LEAD" });
    expect(await good.json()).toMatchObject({ token: "token-for-SUPPORT_LEAD", agent: { displayName: "Lea Lead" } });
    for (const body of [{ role: "SYSTEM" }, { role: "root" }, {}]) {
      const bad = await post(body);
      expect(bad.status).toBe(400);
      expect(((await bad.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe("BAD_USER_INPUT");
    }
    const config = (await (await fetch(`${url}/console/config.json`)).json()) as { mode: string; demoAgents: { role: string }[] };
    expect(config.mode).toBe("sandbox");
    expect(config.demoAgents.map((agent: { role: string }) => agent.role)).toEqual(["ADMIN_AGENT", "HELPDESK_AGENT", "SALES_AGENT", "SUPPORT_LEAD"]);
  });

  it("microsoft mode: no sandbox tokens; the config names authority and scope, never a secret", async () => {
    const { url, server } = await serve(built, { mode: "microsoft", clientId: "c1", authority: "https://login.example/t1", knownAuthorities: ["login.example"], scopes: ["api://c1/access_as_user"] });
    running.push(server);
    expect((await fetch(`${url}/console/sandbox-token`, { method: "POST", headers: { "content-type": "application/json" }, body: '{"role":"SUPPORT_LEAD"}' })).status).toBe(404);
    expect(await (await fetch(`${url}/console/config.json`)).json()).toEqual({ mode: "microsoft", clientId: "c1", authority: "https://login.example/t1", knownAuthorities: ["login.example"], scopes: ["api://c1/access_as_user"] });
  });

  it("says how to build the console when it is not built", async () => {
    const { url, server } = await serve(empty, sandbox);
    running.push(server);
    const response = await fetch(`${url}/`);
    expect(response.status).toBe(503);
    expect(await response.text()).toMatch(/npm run build/);
  });
});
