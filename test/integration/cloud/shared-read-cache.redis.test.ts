import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import { afterEach, describe, expect, it } from "vitest";
import { cacheKey, ReadCache, type CachePolicy } from "../../../src/cloud/cache";
import { isPermanentUpstreamError } from "../../../src/cloud/cached-cloud";
import { RedisReadStore } from "../../../src/cloud/redis-read-store";
import { forbidden, rateLimited } from "../../../src/errors";
import { startTcpProxy, type TcpProxy } from "../../support/tcp-proxy";

/** Issue 19: the read cache shared by several instances through a real Redis on loopback. */

const REDIS = new URL(process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379");
const POLICY: CachePolicy = { ttlMs: 60_000, staleMs: 60_000, errorTtlMs: 30_000 };

/** One gateway instance's cache: its own Redis connection, as the gateway opens it. */
function instance(url: string, namespace: string, now?: () => number) {
  const redis = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1, commandTimeout: 500, retryStrategy: (times) => Math.min(times * 50, 500) });
  redis.on("error", () => undefined);
  const logs: string[] = [];
  const store = new RedisReadStore(redis, namespace, { info: (_d, message) => logs.push(`info ${message}`), warn: (_d, message) => logs.push(`warn ${message}`) }, now);
  const cache = new ReadCache({ shared: store, sharedL1TtlMs: 1_000, isPermanentError: isPermanentUpstreamError, ...(now ? { now } : {}) });
  const ready = new Promise<void>((resolve) => (redis.status === "ready" ? resolve() : redis.once("ready", () => resolve())));
  return { redis, store, cache, logs, ready };
}

describe("ReadCache with a shared Redis level", () => {
  const clients: Redis[] = [];
  const proxies: TcpProxy[] = [];
  const namespace = `psg-test-${randomBytes(4).toString("hex")}:read:partner:`;
  const start = async (url = REDIS.href, now?: () => number) => {
    const made = instance(url, namespace, now);
    clients.push(made.redis);
    await made.ready;
    return made;
  };
  afterEach(async () => {
    for (const client of clients.splice(0)) client.disconnect();
    for (const proxy of proxies.splice(0)) await proxy.close();
  });

  it("a second instance serves what the first read, without loading it again, Dates intact", async () => {
    const a = await start();
    const b = await start();
    const key = cacheKey("health", `Tenant-${randomBytes(3).toString("hex")}`);
    let loads = 0;
    const value = { tenantId: "t", services: [], incidents: [{ id: "EX1", startDateTime: new Date("2026-03-04T05:06:07Z") }] };
    const load = async () => {
      loads += 1;
      return value;
    };
    expect(await a.cache.get(key, POLICY, load)).toEqual(value);
    const fromB = await b.cache.get(key, POLICY, load);
    expect(loads).toBe(1);
    expect(fromB).toEqual(value);
    expect(fromB.incidents[0]!.startDateTime).toBeInstanceOf(Date);
    expect(b.store.status()).toMatchObject({ up: true, hits: 1 });
    // The key names its tenant: another tenant is not served from it.
    await b.cache.get(cacheKey("health", "other-tenant"), POLICY, load);
    expect(loads).toBe(2);
  });

  it("keeps permanent failures for the error TTL across instances, and never a transient one", async () => {
    const a = await start();
    const b = await start();
    const tenant = randomBytes(3).toString("hex");
    let loads = 0;
    const refuse = async (): Promise<never> => {
      loads += 1;
      throw forbidden("no health role", { tenantId: tenant });
    };
    await expect(a.cache.get(cacheKey("health", tenant), POLICY, refuse)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(b.cache.get(cacheKey("health", tenant), POLICY, refuse)).rejects.toMatchObject({ code: "FORBIDDEN", details: { tenantId: tenant } });
    expect(loads).toBe(1);

    const other = cacheKey("subscriptions", tenant);
    const unavailable = async (): Promise<never> => {
      loads += 1;
      throw rateLimited("429 from upstream", 1);
    };
    await expect(a.cache.get(other, POLICY, unavailable)).rejects.toMatchObject({ code: "RATE_LIMITED" });
    await expect(b.cache.get(other, POLICY, async () => ({ ok: true }))).resolves.toEqual({ ok: true });
    expect(loads).toBe(2);
  });

  it("an entry from Redis is served from memory for the L1 TTL, then replaced by a newer read of another instance", async () => {
    let clock = 1_000_000;
    const now = () => clock;
    const a = await start(REDIS.href, now);
    const b = await start(REDIS.href, now);
    const key = cacheKey("subscriptions", randomBytes(3).toString("hex"));
    await a.cache.get(key, POLICY, async () => "first");
    expect(await b.cache.get(key, POLICY, async () => "never")).toBe("first");
    // A refreshes it (as the lease holder's refresher would).
    clock += 500;
    expect(await a.cache.refresh(key, POLICY, async () => "second")).toBe("upstream");
    // Within B's L1 TTL: B answers from memory.
    expect(await b.cache.get(key, POLICY, async () => "never")).toBe("first");
    clock += 1_000;
    // Past it: B answers at once from memory and looks in Redis behind the answer.
    expect(await b.cache.get(key, POLICY, async () => "never")).toBe("first");
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await b.cache.get(key, POLICY, async () => "never")).toBe("second");
  });

  it("a refresh adopts another instance's recent read instead of loading, and loads when it is too old", async () => {
    let clock = 2_000_000;
    const now = () => clock;
    const a = await start(REDIS.href, now);
    const b = await start(REDIS.href, now);
    const key = cacheKey("health", randomBytes(3).toString("hex"));
    await a.cache.get(key, POLICY, async () => "from a");
    clock += 10_000;
    expect(await b.cache.refresh(key, POLICY, async () => "from b", { adoptSharedReadAfter: clock - 45_000 })).toBe("shared");
    expect(b.cache.freshness(key)).toMatchObject({ readAt: 2_000_000, freshUntil: 2_060_000 });
    clock += 40_000;
    expect(await b.cache.refresh(key, POLICY, async () => "from b", { adoptSharedReadAfter: clock - 45_000 })).toBe("upstream");
    expect(await a.cache.refresh(key, POLICY, async () => "x", { adoptSharedReadAfter: clock - 45_000 })).toBe("shared");
  });

  it("Redis going away degrades to memory and upstream without failing a read, visibly, and comes back", async () => {
    const proxy = await startTcpProxy({ host: REDIS.hostname, port: Number(REDIS.port || 6379) });
    proxies.push(proxy);
    const a = await start(proxy.url("redis"));
    const b = await start();
    const tenant = randomBytes(3).toString("hex");
    await a.cache.get(cacheKey("health", tenant), POLICY, async () => "before");
    expect(a.store.status().up).toBe(true);

    await proxy.cut();
    let loads = 0;
    const load = async () => {
      loads += 1;
      return "during";
    };
    // A cached key still answers from memory; a new one goes upstream and is kept in memory.
    expect(await a.cache.get(cacheKey("health", tenant), POLICY, load)).toBe("before");
    expect(await a.cache.get(cacheKey("subscriptions", tenant), POLICY, load)).toBe("during");
    expect(await a.cache.get(cacheKey("subscriptions", tenant), POLICY, load)).toBe("during");
    expect(loads).toBe(1);
    expect(a.store.status()).toMatchObject({ up: false });
    expect(a.store.status().errors).toBeGreaterThan(0);
    expect(a.logs.filter((line) => line.startsWith("warn"))).toHaveLength(1);
    // The other instance, still connected, never saw A's read during the outage: it loads itself.
    expect(await b.cache.get(cacheKey("subscriptions", tenant), POLICY, async () => "b's own")).toBe("b's own");

    await proxy.restore();
    await a.ready;
    const deadline = Date.now() + 10_000;
    while (a.redis.status !== "ready" && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await a.cache.get(cacheKey("health", `${tenant}-2`), POLICY, async () => "after")).toBe("after");
    expect(a.store.status().up).toBe(true);
    expect(a.logs.at(-1)).toMatch(/^info shared read cache \(redis\) available again/);
    expect(await b.cache.get(cacheKey("health", `${tenant}-2`), POLICY, async () => "never")).toBe("after");
  });

  it("invalidating a resource drops it in Redis too, for every instance", async () => {
    const a = await start();
    const b = await start();
    const key = cacheKey("delegatedAccess", "partner");
    await a.cache.get(key, POLICY, async () => "old");
    a.cache.invalidate("delegatedAccess");
    expect(await a.cache.get(key, POLICY, async () => "new")).toBe("new");
    expect(await b.cache.get(key, POLICY, async () => "never")).toBe("new");
    b.cache.invalidate("delegatedAccess");
    expect(await b.cache.get(key, POLICY, async () => "newer")).toBe("newer");
  });
});
