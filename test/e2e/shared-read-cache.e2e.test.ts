import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../src/emulator";
import { CustomerDetailDocument, DashboardDocument } from "../generated/graphql";
import { startTcpProxy, type TcpProxy } from "../support/tcp-proxy";
import { spawnBuiltServer, type BuiltServer } from "./support/built-server";
import { expectNoInternalErrors, startTestGateway, type TestGateway } from "./support/test-gateway";
import { waitFor } from "./support/ticket-flows";

/**
 * Issue 19: several gateway instances, one upstream load. The read cache is shared through a real
 * Redis on loopback and one refresher holds a lease there; every instance reads one emulator, whose
 * request counter says which instance asked upstream.
 */

const REDIS = new URL(process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379");
const TENANTS = 8;
const sharedEnv = (prefix: string, redisUrl = REDIS.href) => ({
  EMULATOR_TENANTS: String(TENANTS),
  REDIS_URL: redisUrl,
  REDIS_CHANNEL_PREFIX: prefix,
  UPSTREAM_CACHE: "on",
  READ_CACHE_L1_TTL_MS: "1000",
});
const metric = (text: string, name: string): number | undefined => {
  const line = text.split("\n").find((l) => l.startsWith(`${name} `) || l.startsWith(`${name}{`));
  return line === undefined ? undefined : Number(line.split(" ").at(-1));
};
const metricsOf = async (baseUrl: string) => (await fetch(`${baseUrl}/metrics`)).text();

describe("two gateway instances sharing the read cache through Redis", () => {
  let emulator: RunningEmulator;
  const gateways: TestGateway[] = [];

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, tenants: TENANTS });
    const prefix = `psg-test-${randomBytes(4).toString("hex")}:`;
    for (let i = 0; i < 2; i++) gateways.push(await startTestGateway({ emulator, env: sharedEnv(prefix) }));
  }, 60_000);
  afterAll(async () => {
    for (const gw of gateways) await gw.close();
    await emulator?.close();
  });

  it("the second instance serves the customers page from the shared cache without one upstream call", async () => {
    const [a, b] = gateways as [TestGateway, TestGateway];
    const first = await a.gql(DashboardDocument, { first: 100 });
    expectNoInternalErrors(first);
    expect(first.data!.customers.totalCount).toBe(TENANTS);
    await a.emulator("/_emulator/requests/reset", {});
    const second = await b.gql(DashboardDocument, { first: 100 });
    const counts = (await a.emulator("/_emulator/requests")).json;
    expect(counts.total).toBe(0);
    expect(second.data).toEqual(first.data);
    // The same per-tenant errors (FORBIDDEN health of an expired relationship, kept for CACHE_ERROR_TTL_MS).
    expect(second.errors.map((e) => [e.path?.join("."), e.extensions.code])).toEqual(first.errors.map((e) => [e.path?.join("."), e.extensions.code]));
    expect(metric(await metricsOf(b.app.gateway.url), "psg_read_cache_shared_up")).toBe(1);
  });

  it("a tenant read first on the second instance is served by the first from Redis", async () => {
    const [a, b] = gateways as [TestGateway, TestGateway];
    const tenant = emulator.seed.tenants.find((t) => t.index === 4)!.id;
    a.app.cloud.readCache!.clear();
    b.app.cloud.readCache!.clear();
    const fromB = await b.gql(CustomerDetailDocument, { id: tenant });
    expectNoInternalErrors(fromB);
    await a.emulator("/_emulator/requests/reset", {});
    const fromA = await a.gql(CustomerDetailDocument, { id: tenant });
    expect((await a.emulator("/_emulator/requests")).json.total).toBe(0);
    expect(fromA.data).toEqual(fromB.data);
  });
});

describe("one background refresher across instances (a lease in Redis)", () => {
  let emulator: RunningEmulator;
  let holder: BuiltServer | undefined;
  let standby: TestGateway | undefined;
  const dataDir = mkdtempSync(join(tmpdir(), "psg-lease-"));

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, tenants: TENANTS });
  });
  afterAll(async () => {
    if (holder && holder.child.exitCode === null) holder.child.kill("SIGKILL");
    await standby?.close();
    await emulator?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("the holder refreshes for both; when it dies the standby takes the lease and adopts its reads", async () => {
    const prefix = `psg-test-${randomBytes(4).toString("hex")}:`;
    const env = { ...sharedEnv(prefix), REFRESHER_ENABLED: "on", REFRESHER_LEASE_MS: "1500" };
    writeFileSync(join(dataDir, "emulator-ca.pem"), emulator.caCertPem);
    // The first instance is a separate process (npm start's build), so it can die as a process does.
    holder = await spawnBuiltServer(dataDir, { ...env, EMULATOR_URL: emulator.url, EMULATOR_CA_FILE: join(dataDir, "emulator-ca.pem") });
    const url = holder.gatewayUrl;
    await waitFor(async () => metric(await metricsOf(url), "psg_refresher_lease_held") === 1, "the first instance holding the lease");
    standby = await startTestGateway({ emulator, env });
    expect(standby.app.refresher!.running).toBe(false);
    await waitFor(async () => metric(await metricsOf(url), "psg_refresher_tenants_covered") === TENANTS, "every tenant refreshed by the holder");

    // The standby's dashboard: everything from the holder's reads in Redis, nothing upstream.
    await standby.emulator("/_emulator/requests/reset", {});
    const page = await standby.gql(DashboardDocument, { first: 100 });
    expectNoInternalErrors(page);
    expect(page.data!.customers.totalCount).toBe(TENANTS);
    expect((await standby.emulator("/_emulator/requests")).json.total).toBe(0);
    expect(metric(await metricsOf(standby.app.gateway.url), "psg_refresher_lease_held")).toBe(0);

    // The holder dies without giving the lease back: its key expires and the standby takes it.
    holder.child.kill("SIGKILL");
    await holder.exited;
    const gw = standby;
    await waitFor(async () => gw.app.refresher!.running, "the standby taking the lease", 15_000);
    // It adopts what the old holder read (still fresh in Redis) instead of reading every tenant again.
    await waitFor(async () => gw.app.refresher!.status().covered === TENANTS, "every tenant covered by the new holder");
    expect(gw.app.refresher!.status().sharedAdoptions).toBeGreaterThan(0);
    const ready = (await (await fetch(`${gw.app.gateway.url}/ready`)).json()) as { checks: Record<string, { role?: string }> };
    expect(ready.checks.refresher!.role).toBe("lease holder");
  }, 120_000);
});

describe("Redis outage under the shared read cache", () => {
  let emulator: RunningEmulator;
  let proxy: TcpProxy;
  let gw: TestGateway;

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, tenants: TENANTS });
    proxy = await startTcpProxy({ host: REDIS.hostname, port: Number(REDIS.port || 6379) });
    gw = await startTestGateway({ emulator, env: sharedEnv(`psg-test-${randomBytes(4).toString("hex")}:`, proxy.url("redis")) });
  }, 60_000);
  afterAll(async () => {
    await gw?.close();
    await proxy?.close();
    await emulator?.close();
  });

  it("degrades to the in-memory cache without failing a read, says so in /metrics and /ready, and recovers", async () => {
    const tenants = emulator.seed.tenants.filter((t) => t.index === 0 || t.index === 6).map((t) => t.id);
    expectNoInternalErrors(await gw.gql(CustomerDetailDocument, { id: tenants[0]! }));
    expect(metric(await metricsOf(gw.app.gateway.url), "psg_read_cache_shared_up")).toBe(1);

    await proxy.cut();
    // A tenant not read yet: upstream, then kept in memory.
    const during = await gw.gql(CustomerDetailDocument, { id: tenants[1]! });
    expect(during.errors).toEqual([]);
    expect(during.data!.customer!.id).toBe(tenants[1]);
    await gw.emulator("/_emulator/requests/reset", {});
    expect((await gw.gql(CustomerDetailDocument, { id: tenants[1]! })).errors).toEqual([]);
    expect((await gw.emulator("/_emulator/requests")).json.total).toBe(0);
    const metrics = await metricsOf(gw.app.gateway.url);
    expect(metric(metrics, "psg_read_cache_shared_up")).toBe(0);
    expect(metrics).toMatch(/psg_read_cache_shared_operations\{outcome="error"\} [1-9]/);
    const ready = await fetch(`${gw.app.gateway.url}/ready`);
    const body = (await ready.json()) as { status: string; checks: Record<string, { ok: boolean; required: boolean }> };
    expect(ready.status).toBe(200);
    expect(body.status).toBe("degraded");
    expect(body.checks["shared-read-cache"]).toMatchObject({ ok: false, required: false });

    await proxy.restore();
    await waitFor(async () => metric(await metricsOf(gw.app.gateway.url), "psg_read_cache_shared_up") === 1, "the shared cache back");
  });
});
