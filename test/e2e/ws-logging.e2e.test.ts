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
import { ended, openSocket, sleep } from "./support/ws-socket";

describe("WebSocket operations are logged like HTTP requests (one line each, no token, no document)", () => {
  const lines: Record<string, any>[] = [];
  let app: RunningApp;
  let dataDir: string;
  let token: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), "psg-ws-log-"));
    const config = parseConfig({
      PSG_MODE: "sandbox", PORT: "0", EMULATOR_PORT: "0", EMULATOR_TENANTS: "6", DATA_DIR: dataDir,
      DATABASE_URL: `sqlite:${join(dataDir, "psg.sqlite")}`, ESCALATION_WORKERS: "off", UPSTREAM_CACHE: "off",
    });
    const sink = new Writable({
      write(chunk, _encoding, done) {
        for (const line of String(chunk).split("\n").filter(Boolean)) lines.push(JSON.parse(line));
        done();
      },
    });
    app = await startApp(config, createLogger("info", sink));
    token = await issueSandboxToken(await loadOrCreateSandboxSigningKey(dataDir), DEMO_AGENTS.HELPDESK_AGENT);
  });
  afterAll(async () => {
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("logs the connection, each operation with its outcome, and the close", async () => {
    const socket = await openSocket(app.gateway.graphqlUrl, token);
    socket.subscribe("live", "subscription Watch { ticketEvents { id } }");
    socket.subscribe("refused", 'mutation Sneak { cancelTicket(id: "x", reason: "secret-reason-text") { id } }');
    await socket.until(() => ended(socket.of("refused")), 5_000, "the refusal");
    await sleep(100);
    socket.complete("live");
    await sleep(100);
    socket.close();
    await socket.closed;
    await sleep(100);
    const anonymous = await openSocket(app.gateway.graphqlUrl, "not-a-token");
    await anonymous.closed;
    await sleep(50);

    const ws = lines.filter((line) => line.component === "graphql-ws");
    const connection = ws.find((line) => line.msg === "graphql ws connection");
    expect(connection).toMatchObject({ agentId: DEMO_AGENTS.HELPDESK_AGENT.id, socketId: expect.any(String) });
    const operations = ws.filter((line) => line.msg === "graphql ws operation" && line.socketId === connection!.socketId);
    expect(operations).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ operationName: "Sneak", type: "mutation", outcome: "BAD_USER_INPUT", agentId: DEMO_AGENTS.HELPDESK_AGENT.id, durationMs: expect.any(Number) }),
        expect.objectContaining({ operationName: "Watch", type: "subscription", outcome: "ok" }),
      ]),
    );
    expect(ws.find((line) => line.msg === "graphql ws closed" && line.socketId === connection!.socketId)).toMatchObject({ code: 1000 });
    expect(ws.some((line) => line.msg === "graphql ws connection refused" && line.outcome === "unauthenticated")).toBe(true);
    const all = JSON.stringify(lines);
    expect(all).not.toContain(token);
    expect(all).not.toContain("secret-reason-text");
  });
});
