import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_AGENTS } from "../../src/auth/demo-agents";
import { loadOrCreateSandboxSigningKey } from "../../src/auth/sandbox-signing-key";
import { issueSandboxToken } from "../../src/auth/sandbox-token";
import { parseConfig } from "../../src/config";
import { startApp, type RunningApp } from "../../src/server/app";
import { createLogger } from "../../src/server/logger";
import { postGraphQL } from "./support/raw-graphql";

describe("structured logs: request id, upstream correlation ids, no tokens or secrets", () => {
  const lines: string[] = [];
  let app: RunningApp;
  let dataDir: string;
  let token: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), "psg-log-"));
    const config = parseConfig({
      PSG_MODE: "sandbox",
      PORT: "0",
      EMULATOR_PORT: "0",
      EMULATOR_TENANTS: "6",
      DATA_DIR: dataDir,
      DATABASE_URL: `sqlite:${join(dataDir, "psg.sqlite")}`,
      ESCALATION_WORKERS: "off",
      UPSTREAM_CACHE: "off",
    });
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(...String(chunk).split("\n").filter(Boolean));
        done();
      },
    });
    app = await startApp(config, createLogger("debug", sink));
    token = await issueSandboxToken(await loadOrCreateSandboxSigningKey(dataDir), DEMO_AGENTS.SUPPORT_LEAD);
  });
  afterAll(async () => {
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("logs each GraphQL request with its request id and agent, and each upstream call with the same id and Microsoft's correlation ids", async () => {
    const result = await postGraphQL(
      app.gateway.graphqlUrl,
      { query: "query Board { customers(first: 3) { edges { node { id subscriptions { id } serviceHealth { service } } } } }", operationName: "Board" },
      { token, headers: { "x-request-id": "desk-req-0001" } },
    );
    expect(result.headers.get("x-request-id")).toBe("desk-req-0001");
    const parsed = lines.map((line) => JSON.parse(line) as Record<string, any>);
    const request = parsed.find((entry) => entry.msg === "graphql request" && entry.requestId === "desk-req-0001");
    expect(request).toMatchObject({ operationName: "Board", agentId: DEMO_AGENTS.SUPPORT_LEAD.id, status: 200 });
    const upstream = parsed.filter((entry) => entry.msg === "upstream call" && entry.requestId === "desk-req-0001");
    expect(upstream.length).toBeGreaterThan(0);
    const correlated = upstream.filter((entry) => Object.keys(entry.correlation ?? {}).length > 0);
    expect(correlated.length).toBeGreaterThan(0);
    for (const entry of upstream) expect(entry.path).not.toContain("?");
  });

  it("replaces an unsafe client request id instead of logging it", async () => {
    const result = await postGraphQL(app.gateway.graphqlUrl, { query: "{ me { id } }" }, { token, headers: { "x-request-id": "evil\tid {\"level\":60}" } });
    const id = result.headers.get("x-request-id");
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(lines.some((line) => line.includes("evil"))).toBe(false);
  });

  it("never logs bearer tokens, the client secret or authorization headers, even on failures", async () => {
    await postGraphQL(app.gateway.graphqlUrl, { query: "{ me { id } }" }, { token: `${token}tampered` });
    await postGraphQL(app.gateway.graphqlUrl, { query: "{ nope }" }, { token });
    await postGraphQL(app.gateway.graphqlUrl, { query: 'query { ticket(id: "x") { id } }' }, { token });
    expect(lines.length).toBeGreaterThan(3);
    const all = lines.join("\n");
    expect(all).not.toContain(token.split(".")[2]!); // the signature part of the agent token
    expect(all).not.toContain(app.emulator!.clientSecret);
    expect(all).not.toMatch(/Bearer\s+ey/);
    expect(all.toLowerCase()).not.toMatch(/"authorization":"(?!\[redacted\])/);
    expect(all).not.toMatch(/access_token":"ey/);
  });
});
