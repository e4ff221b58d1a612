import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { Agent as UndiciAgent } from "undici";
import { callEmulator } from "./emulator-call";
import { DEMO_AGENTS } from "../../../src/auth/demo-agents";
import { loadOrCreateSandboxSigningKey } from "../../../src/auth/sandbox-signing-key";
import { issueSandboxToken } from "../../../src/auth/sandbox-token";
import { seedTestKeyMaterial } from "../../support/test-key-material";

/** The built gateway (`node dist/src/server/main.js`) as `npm start` runs it, in a child process. */
export interface BuiltServer {
  child: ChildProcess;
  gatewayUrl: string;
  graphqlUrl: string;
  gatewayPort: number;
  emulatorUrl: string | null;
  emulatorPort: number | null;
  /** Every line the process wrote to stdout and stderr so far (banner and JSON logs). */
  output: string[];
  /** Resolves with the exit code (or 128 + n for a signal) and the time it exited. */
  exited: Promise<{ code: number; at: number }>;
  token(): Promise<string>;
  gql(query: string, variables?: Record<string, unknown>, options?: { signal?: AbortSignal }): Promise<{ status: number; body: any }>;
  emulator(path: string, body?: unknown, method?: string): Promise<{ status: number; json: any }>;
}

/**
 * Spawns the compiled server with NODE_ENV=production (the test runner's NODE_ENV=test would hide
 * production signal handling) and waits for its banner. `env` adds to a sandbox baseline.
 */
export async function spawnBuiltServer(dataDir: string, env: Record<string, string>): Promise<BuiltServer> {
  // A first start loads the committed test-only keys instead of generating them; a restart keeps its own.
  if (!existsSync(join(dataDir, "sandbox-signing-key.json"))) seedTestKeyMaterial(dataDir);
  const child = spawn(process.execPath, ["dist/src/server/main.js"], {
    cwd: process.cwd(),
    env: {
      PATH: process.env.PATH ?? "",
      NODE_ENV: "production",
      PSG_MODE: "sandbox",
      HOST: "127.0.0.1",
      PORT: "0",
      EMULATOR_PORT: "0",
      DATA_DIR: dataDir,
      DEMO_DATA: "off",
      LOG_LEVEL: "info",
      // The tests read the JSON log lines; a person running npm start sees readable ones.
      LOG_FORMAT: "json",
      // Alerts (issue 18) add outbox jobs and a sink; suites about alerts turn them on.
      ALERTS: "off",
      ALERT_SINK: "off",
      // The background refresher (issue 19) fills the read cache on its own, so a fault set after start
      // might never be reached; suites about the refresher turn it on (as startTestGateway does).
      REFRESHER_ENABLED: "off",
      EMULATOR_THROTTLING: "off",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output: string[] = [];
  const collect = (chunk: Buffer) => output.push(...chunk.toString("utf8").split("\n").filter((line) => line.length > 0));
  child.stdout!.on("data", collect);
  child.stderr!.on("data", collect);
  const exited = new Promise<{ code: number; at: number }>((resolve) => {
    child.once("exit", (code, signal) => resolve({ code: code ?? 128 + (signal === "SIGKILL" ? 9 : signal === "SIGINT" ? 2 : 15), at: Date.now() }));
  });

  const external = env.EMULATOR_URL !== undefined;
  const deadline = Date.now() + 60_000;
  let gatewayUrl: string | undefined;
  let emulatorUrl: string | null | undefined;
  while (Date.now() < deadline) {
    const text = output.join("\n");
    gatewayUrl ??= /GraphQL:\s+(http:\/\/\S+)\/graphql/.exec(text)?.[1];
    // A banner with the in-process emulator ends with the token hint; with EMULATOR_URL it has no
    // emulator lines, and the GraphQL line is the whole wait (waiting for the hint cost 60 s).
    if (gatewayUrl && (external || /More: npm run/.test(text))) {
      emulatorUrl = /Emulator:\s+(https:\/\/\S+)/.exec(text)?.[1] ?? null;
      break;
    }
    if (child.exitCode !== null) throw new Error(`server exited during start (${child.exitCode}):\n${output.join("\n")}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  if (!gatewayUrl) {
    child.kill("SIGKILL");
    throw new Error(`server did not print its banner within 60 s:\n${output.join("\n")}`);
  }
  const emulator = emulatorUrl ?? null;
  const dispatcher = emulator ? new UndiciAgent({ connect: { ca: readFileSync(join(dataDir, "emulator-tls", "emulator-cert.pem"), "utf8") } }) : null;
  let token: string | undefined;
  const server: BuiltServer = {
    child,
    gatewayUrl,
    graphqlUrl: `${gatewayUrl}/graphql`,
    gatewayPort: Number(new URL(gatewayUrl).port),
    emulatorUrl: emulator,
    emulatorPort: emulator ? Number(new URL(emulator).port) : null,
    output,
    exited,
    async token() {
      token ??= await issueSandboxToken(await loadOrCreateSandboxSigningKey(dataDir), DEMO_AGENTS.HELPDESK_AGENT);
      return token;
    },
    async gql(query, variables, options) {
      const response = await fetch(server.graphqlUrl, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${await server.token()}` },
        body: JSON.stringify({ query, variables }),
        signal: options?.signal,
      });
      return { status: response.status, body: await response.json() };
    },
    async emulator(path, body, method) {
      if (!emulator || !dispatcher) throw new Error("no in-process emulator");
      return callEmulator(emulator, dispatcher, path, body, method);
    },
  };
  void exited.then(() => dispatcher?.close().catch(() => undefined));
  return server;
}

/** Binds `port` on 127.0.0.1 and releases it again: resolves true when the port was free. */
export function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once("error", () => resolve(false));
    probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(true)));
  });
}

/** The JSON log lines with this `msg`. */
export function logLines(server: BuiltServer, msg: string): Record<string, unknown>[] {
  return server.output.flatMap((line) => {
    if (!line.startsWith("{")) return [];
    try {
      const parsed = JSON.parse(line) as Record<string, unknown>;
      return parsed.msg === msg ? [parsed] : [];
    } catch {
      return [];
    }
  });
}
