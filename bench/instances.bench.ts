import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Agent as UndiciAgent, fetch as undiciFetch } from "undici";
import { DEMO_AGENTS } from "../src/auth/demo-agents";
import { loadOrCreateSandboxSigningKey } from "../src/auth/sandbox-signing-key";
import { issueSandboxToken } from "../src/auth/sandbox-token";
import { parseConfig } from "../src/config";
import { startApp, type RunningApp } from "../src/server/app";
import { createLogger } from "../src/server/logger";
import { createScratchPostgresDatabase, LOCAL_POSTGRES_ADMIN_URLS } from "../test/support/scratch-postgres-database";
import { round } from "./bench-kit";
import { DASHBOARD_QUERY } from "./dashboard.bench";
import { startEmulatorProcess } from "./emulator-process";

export interface InstancesResult {
  instances: number;
  tenants: number;
  windowSeconds: number;
  /** Emulator API calls (Graph + Partner Center; a $batch is one) per minute over the window, every instance together. */
  upstreamCallsPerMinute: number;
  /** Customers-page requests the instances served in the window (spread round-robin). */
  dashboardRequests: number;
  /** Which instance's refresher ran at the end (one, under the lease). */
  refreshersRunning: number;
  throttled: number;
}

const LATENCY_MS = 50;
const SEED = 42;
const REDIS_URL = process.env.BENCH_REDIS_URL ?? "redis://127.0.0.1:6379";

/**
 * Issue 19, "several instances, one upstream load": `instances` gateways on one PostgreSQL
 * database and one Redis (shared read cache, one refresher under a lease), in front of one emulator
 * process (Microsoft's rate limits on, 50 ms). After the refresher's first pass, a window of
 * `windowSeconds` with a customers page every 250 ms spread over the instances: the emulator's
 * own request counter gives the upstream calls per minute of all instances together.
 */
export async function benchInstances(instances: number, tenants: number, windowSeconds: number): Promise<InstancesResult> {
  const dataRoot = mkdtempSync(join(tmpdir(), "psg-bench-instances-"));
  const emulatorProcess = await startEmulatorProcess({ tenants, seed: SEED, tlsDir: join(dataRoot, "emulator-tls") });
  const dispatcher = new UndiciAgent({ connect: { ca: emulatorProcess.caCertPem } });
  const emulator = async (path: string, body?: unknown) => {
    const response = await undiciFetch(`${emulatorProcess.url}${path}`, {
      method: body === undefined ? "GET" : "POST",
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
      dispatcher,
    });
    return (await response.json()) as { total: number; throttled: Record<string, number> | null };
  };
  await emulator("/_emulator/latency", { ms: LATENCY_MS });
  const given = process.env.BENCH_POSTGRES_URL;
  const database = await createScratchPostgresDatabase("psg_bench", given ? [given] : LOCAL_POSTGRES_ADMIN_URLS);
  const prefix = `psg-bench-${randomBytes(4).toString("hex")}:`;
  const apps: RunningApp[] = [];
  try {
    for (let i = 0; i < instances; i++) {
      const dataDir = join(dataRoot, `gw-${i}`);
      mkdirSync(dataDir);
      const config = parseConfig({
        PSG_MODE: "sandbox",
        PORT: "0",
        DATA_DIR: dataDir,
        DATABASE_URL: database.url,
        LOG_LEVEL: "silent",
        EMULATOR_URL: emulatorProcess.url,
        EMULATOR_CA_FILE: emulatorProcess.caCertPath,
        EMULATOR_SEED: String(SEED),
        UPSTREAM_CACHE: "on",
        REFRESHER_ENABLED: "on",
        REDIS_URL,
        REDIS_CHANNEL_PREFIX: prefix,
        DEMO_DATA: "off",
        ALERTS: "off",
        // The sandbox alert sink listens on a fixed port: one per machine.
        ALERT_SINK: "off",
      });
      // One after another: the first runs the migrations.
      apps.push(await startApp(config, createLogger("silent")));
    }
    const started = Date.now();
    const covered = () => apps.some((app) => app.refresher?.running && app.refresher.status().firstPassMs !== null);
    while (!covered() && Date.now() - started < 900_000) await new Promise((resolve) => setTimeout(resolve, 250));
    if (!covered()) throw new Error(`the refresher did not cover ${tenants} tenants within 15 minutes`);

    const token = await issueSandboxToken(await loadOrCreateSandboxSigningKey(join(dataRoot, "gw-0")), DEMO_AGENTS.HELPDESK_AGENT);
    const tokens = await Promise.all(apps.map(async (_app, i) => (i === 0 ? token : issueSandboxToken(await loadOrCreateSandboxSigningKey(join(dataRoot, `gw-${i}`)), DEMO_AGENTS.HELPDESK_AGENT))));
    await emulator("/_emulator/requests/reset", {});
    const windowEnds = Date.now() + windowSeconds * 1000;
    let requests = 0;
    while (Date.now() < windowEnds) {
      const i = requests % apps.length;
      const response = await fetch(apps[i]!.gateway.graphqlUrl, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${tokens[i]}` },
        body: JSON.stringify({ query: DASHBOARD_QUERY, variables: { first: 100 } }),
      });
      const json = (await response.json()) as { data?: unknown };
      if (!json.data) throw new Error(`query failed: ${JSON.stringify(json).slice(0, 300)}`);
      requests += 1;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const counts = await emulator("/_emulator/requests");
    return {
      instances,
      tenants,
      windowSeconds,
      upstreamCallsPerMinute: round((counts.total / windowSeconds) * 60),
      dashboardRequests: requests,
      refreshersRunning: apps.filter((app) => app.refresher?.running).length,
      throttled: Object.values(counts.throttled ?? {}).reduce((a, b) => a + b, 0),
    };
  } finally {
    for (const app of apps.reverse()) await app.close();
    await database.drop();
    await dispatcher.close();
    await emulatorProcess.close();
    rmSync(dataRoot, { recursive: true, force: true });
  }
}
