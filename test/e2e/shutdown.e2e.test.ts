import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { print } from "graphql";
import { Client } from "pg";
import { afterEach, describe, expect, it } from "vitest";
import type { ScratchDatabase } from "../support/scratch-postgres-database";
import { SupportTopicsDocument } from "../generated/graphql";
import { logLines, portIsFree, spawnBuiltServer, type BuiltServer } from "./support/built-server";
import { createPostgresDatabase } from "./support/test-gateway";
import { openDiagnosedAndEscalated, waitFor, type GqlRunner } from "./support/ticket-flows";

/**
 * Issue 14: SIGINT / SIGTERM stop the built server as `npm start` runs it (NODE_ENV=production,
 * where Apollo would install its own handlers): exit 0 within SHUTDOWN_TIMEOUT_MS, both ports
 * released, the outbox worker stopped (no lease taken after exit), and a second signal exits at once.
 */

interface OutboxRow {
  id: string;
  status: string;
  attempts: number;
  lease_owner: string | null;
  lease_expires_at: string | null;
  updated_at: string;
}

interface Target {
  url: string;
  outbox(): Promise<OutboxRow[]>;
  /** Connections other than ours to the database (PostgreSQL only; SQLite: 0). */
  otherConnections(): Promise<number>;
  drop(): Promise<void>;
}

async function openTarget(kind: "sqlite" | "postgres", dataDir: string): Promise<Target> {
  if (kind === "sqlite") {
    const file = join(dataDir, "psg.sqlite");
    return {
      url: `sqlite:${file}`,
      outbox: async () => {
        const db = new Database(file, { readonly: true, fileMustExist: true });
        try {
          return db.prepare("SELECT id, status, attempts, lease_owner, lease_expires_at, updated_at FROM outbox_job ORDER BY id").all() as OutboxRow[];
        } finally {
          db.close();
        }
      },
      otherConnections: async () => 0,
      drop: async () => undefined,
    };
  }
  const scratch: ScratchDatabase = await createPostgresDatabase();
  const query = async <T>(sql: string, params: unknown[] = []): Promise<T[]> => {
    const client = new Client({ connectionString: scratch.url });
    await client.connect();
    try {
      return (await client.query(sql, params)).rows as T[];
    } finally {
      await client.end();
    }
  };
  return {
    url: scratch.url,
    outbox: () => query<OutboxRow>("SELECT id, status, attempts, lease_owner, lease_expires_at, updated_at FROM outbox_job ORDER BY id"),
    otherConnections: async () =>
      Number((await query<{ n: string }>("SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"))[0]!.n),
    drop: () => scratch.drop(),
  };
}

const runnerOf = (server: BuiltServer): GqlRunner => async (document, variables) => {
  const { body } = await server.gql(print(document), variables as Record<string, unknown>);
  return { data: body.data, errors: body.errors ?? [] };
};

/** Escalates two tickets while Partner Center refuses every create with 503: the outbox keeps leasing and retrying. */
async function keepOutboxBusy(server: BuiltServer, target: Target): Promise<void> {
  const fault = await server.emulator("/_emulator/faults", { match: "/v1/servicerequests/[a-z]{2}-[A-Z]{2}$", status: 503 });
  expect(fault.status).toBe(201);
  const tenants = (await server.emulator("/_emulator/tenants")).json.tenants as { index: number; id: string }[];
  const customerId = tenants.find((tenant) => tenant.index === 0)!.id;
  const topics = await server.gql(print(SupportTopicsDocument), { product: "MICROSOFT_365" });
  const topicId = topics.body.data.supportTopics[0].id as string;
  for (const title of ["Outlook crashes", "Teams does not start"]) {
    await openDiagnosedAndEscalated(runnerOf(server), { customerId, title, description: "On start.", product: "MICROSOFT_365", severity: "MINIMAL" }, topicId, "Safe mode works.");
  }
  // Several leases taken and released: the worker is really running when the signal comes.
  await waitFor(async () => (await target.outbox()).every((row) => row.attempts >= 3), "outbox retries", 20_000);
}

const OUTBOX_ENV = {
  ESCALATION_WORKERS: "on",
  OUTBOX_POLL_INTERVAL_MS: "50",
  OUTBOX_LEASE_MS: "1000",
  OUTBOX_RETRY_BASE_DELAY_MS: "1",
  OUTBOX_MAX_ATTEMPTS: "100",
  SYNC_INTERVAL_MS: "200",
  SLA_SWEEP_INTERVAL_MS: "1000",
  UPSTREAM_MAX_RETRIES: "0",
};

describe("graceful shutdown of the built server (NODE_ENV=production)", () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (let cleanup = cleanups.pop(); cleanup; cleanup = cleanups.pop()) await cleanup().catch(() => undefined);
  });

  async function start(kind: "sqlite" | "postgres", env: Record<string, string> = {}): Promise<{ server: BuiltServer; target: Target }> {
    const dataDir = mkdtempSync(join(tmpdir(), "psg-shutdown-"));
    cleanups.push(async () => rmSync(dataDir, { recursive: true, force: true }));
    const target = await openTarget(kind, dataDir);
    cleanups.push(() => target.drop());
    const server = await spawnBuiltServer(dataDir, { DATABASE_URL: target.url, ...env });
    cleanups.push(async () => {
      if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill("SIGKILL");
    });
    return { server, target };
  }

  for (const [kind, signal] of [
    ["sqlite", "SIGTERM"],
    ["sqlite", "SIGINT"],
    ["postgres", "SIGTERM"],
    ["postgres", "SIGINT"],
  ] as const) {
    it(`${signal} on ${kind} with the outbox running: exit 0 within the bound, ports free, no lease after exit`, async () => {
      const { server, target } = await start(kind, OUTBOX_ENV);
      await keepOutboxBusy(server, target);

      const sentAt = Date.now();
      server.child.kill(signal);
      const exit = await server.exited;
      const tookMs = exit.at - sentAt;
      expect(exit.code).toBe(0);
      expect(tookMs).toBeLessThan(10_000);
      expect(logLines(server, "stopped")).toHaveLength(1);

      expect(await portIsFree(server.gatewayPort)).toBe(true);
      expect(await portIsFree(server.emulatorPort!)).toBe(true);
      expect(await target.otherConnections()).toBe(0);

      const atExit = await target.outbox();
      expect(atExit).toHaveLength(2);
      for (const row of atExit) expect(Date.parse(row.updated_at)).toBeLessThanOrEqual(exit.at);
      // Three lease lengths later nothing has changed: no process of ours is still leasing.
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      expect(await target.outbox()).toEqual(atExit);
      console.info(`${signal} on ${kind}: exited 0 after ${tookMs} ms`);
    });
  }

  it("drains an in-flight request before exiting", async () => {
    const { server } = await start("sqlite");
    // Every upstream call takes 400 ms: the query (a few sequential calls) is still running at the signal.
    expect((await server.emulator("/_emulator/latency", { ms: 400 })).status).toBe(200);
    const startedAt = Date.now();
    const inFlight = server.gql("{ customers(first: 2) { totalCount } }");
    await new Promise((resolve) => setTimeout(resolve, 200));
    server.child.kill("SIGTERM");
    const answer = await inFlight;
    expect(answer.status).toBe(200);
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data.customers.totalCount).toBeGreaterThan(0);
    const exit = await server.exited;
    expect(exit.code).toBe(0);
    console.info(`drain: the in-flight request took ${exit.at - startedAt} ms up to exit and was answered`);
  });

  it("a request that never ends is cut after the drain bound and the process still exits 0 in time", async () => {
    const { server } = await start("sqlite", { SHUTDOWN_TIMEOUT_MS: "3000", UPSTREAM_TIMEOUT_MS: "60000" });
    expect((await server.emulator("/_emulator/faults", { match: "/customers", hang: true })).status).toBe(201);
    const hanging = server.gql("{ customers(first: 2) { totalCount } }").then(
      () => "answered",
      () => "connection closed",
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    const sentAt = Date.now();
    server.child.kill("SIGTERM");
    const exit = await server.exited;
    expect(exit.code).toBe(0);
    expect(exit.at - sentAt).toBeLessThan(3_000);
    expect(await hanging).toBe("connection closed");
    expect(await portIsFree(server.gatewayPort)).toBe(true);
  });

  it("a second signal exits at once while the first is still draining", async () => {
    const { server } = await start("sqlite", { UPSTREAM_TIMEOUT_MS: "60000" });
    expect((await server.emulator("/_emulator/faults", { match: "/customers", hang: true })).status).toBe(201);
    const hanging = server.gql("{ customers(first: 2) { totalCount } }").catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 300));
    server.child.kill("SIGTERM");
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(server.child.exitCode).toBeNull(); // still draining the hung request (4 s bound)
    const secondAt = Date.now();
    server.child.kill("SIGTERM");
    const exit = await server.exited;
    expect(exit.code).toBe(143);
    expect(exit.at - secondAt).toBeLessThan(1_000);
    expect(logLines(server, "second signal: exiting now without waiting for shutdown")).toHaveLength(1);
    await hanging;
  });
});
