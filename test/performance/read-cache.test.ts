import { describe, expect, it } from "vitest";
import { cacheKey, ReadCache } from "../../src/cloud/cache";
import { isPermanentUpstreamError, withReadCache } from "../../src/cloud/cached-cloud";
import { ConcurrencyLimiter } from "../../src/cloud/concurrency-limiter";
import type { TenantHealth } from "../../src/cloud/cloud-types";
import type { MicrosoftCloud } from "../../src/cloud/ports";
import { forbidden, upstreamUnavailable } from "../../src/errors";

const policy = { ttlMs: 1000, staleMs: 500, errorTtlMs: 300 };

function clock() {
  let now = 0;
  return { now: () => now, advance: (ms: number) => void (now += ms) };
}

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

describe("ReadCache", () => {
  it("serves a fresh entry without loading again, and counts hits and misses per resource", async () => {
    const time = clock();
    const cache = new ReadCache({ now: time.now });
    let loads = 0;
    const load = async () => ++loads;
    expect(await cache.get(cacheKey("health", "T1"), policy, load)).toBe(1);
    time.advance(999);
    expect(await cache.get(cacheKey("health", "t1"), policy, load)).toBe(1);
    expect(loads).toBe(1);
    expect(cache.stats()["health"]).toEqual({ hit: 1, stale: 0, miss: 1, coalesced: 0 });
  });

  it("coalesces concurrent misses for one key into one load, and keeps other keys apart", async () => {
    const cache = new ReadCache();
    const pending = deferred<string>();
    let loads = 0;
    const load = () => (loads++, pending.promise);
    const callers = Array.from({ length: 50 }, () => cache.get("health|a", policy, load));
    const other = cache.get("health|b", policy, async () => "b's own");
    pending.resolve("a's");
    expect(new Set(await Promise.all(callers))).toEqual(new Set(["a's"]));
    expect(await other).toBe("b's own");
    expect(loads).toBe(1);
  });

  it("serves a stale entry while one background refresh replaces it, then expires it", async () => {
    const time = clock();
    const cache = new ReadCache({ now: time.now });
    await cache.get("subs|a", policy, async () => "v1");
    time.advance(1200); // past the TTL, inside the stale window
    const refresh = deferred<string>();
    let refreshes = 0;
    const load = () => (refreshes++, refresh.promise);
    expect(await cache.get("subs|a", policy, load)).toBe("v1");
    expect(await cache.get("subs|a", policy, load)).toBe("v1");
    expect(refreshes).toBe(1);
    refresh.resolve("v2");
    await refresh.promise;
    await Promise.resolve();
    expect(await cache.get("subs|a", policy, async () => "unused")).toBe("v2");
    time.advance(1600); // past TTL + stale window: a miss that waits for the load
    expect(await cache.get("subs|a", policy, async () => "v3")).toBe("v3");
  });

  it("never stores a transient failure: the next call loads again", async () => {
    const cache = new ReadCache({ isPermanentError: isPermanentUpstreamError });
    await expect(cache.get("health|a", policy, async () => Promise.reject(upstreamUnavailable("Graph is down")))).rejects.toThrow();
    expect(await cache.get("health|a", policy, async () => "healed")).toBe("healed");
  });

  it("keeps a FORBIDDEN for its tenant only, and only for errorTtlMs", async () => {
    const time = clock();
    const cache = new ReadCache({ now: time.now, isPermanentError: isPermanentUpstreamError });
    const denied = forbidden("no health role in tenant a");
    await expect(cache.get("health|a", policy, async () => Promise.reject(denied))).rejects.toBe(denied);
    await expect(cache.get("health|a", policy, async () => "not asked")).rejects.toBe(denied);
    expect(await cache.get("health|b", policy, async () => "b is fine")).toBe("b is fine");
    time.advance(301);
    expect(await cache.get("health|a", policy, async () => "granted now")).toBe("granted now");
  });

  it("drops the oldest entries above maxEntries", async () => {
    const cache = new ReadCache({ maxEntries: 2 });
    for (const key of ["h|a", "h|b", "h|c"]) await cache.get(key, policy, async () => key);
    expect(cache.size).toBe(2);
    expect(await cache.get("h|a", policy, async () => "reloaded")).toBe("reloaded");
  });
});

describe("withReadCache", () => {
  it("keys every read by tenant so one tenant's health is never served for another", async () => {
    const health = (tenantId: string): TenantHealth => ({ tenantId, services: [], incidents: [] });
    const fake = {
      customers: { listCustomers: async () => [], listDelegatedAccess: async () => new Map() },
      subscriptions: { listSubscriptions: async () => [] },
      health: { getTenantHealth: async (tenantId: string) => health(tenantId) },
      supportTopics: { listSupportTopics: async () => [] },
    } satisfies MicrosoftCloud;
    const cache = new ReadCache();
    const keep = { ttlMs: 60_000, staleMs: 0 };
    const cloud = withReadCache(fake, cache, { health: keep, subscriptions: keep, directory: keep, supportTopics: keep });
    expect((await cloud.health.getTenantHealth("A")).tenantId).toBe("A");
    expect((await cloud.health.getTenantHealth("B")).tenantId).toBe("B");
    expect((await cloud.health.getTenantHealth("A")).tenantId).toBe("A");
  });
});

describe("ConcurrencyLimiter", () => {
  it("runs at most `limit` tasks at once and all of them in the end, failures included", async () => {
    const limiter = new ConcurrencyLimiter(3);
    let running = 0;
    let peak = 0;
    const task = (index: number) =>
      limiter.run(async () => {
        running += 1;
        peak = Math.max(peak, running);
        await new Promise((resolve) => setImmediate(resolve));
        running -= 1;
        if (index % 5 === 0) throw new Error(`task ${index} failed`);
        return index;
      });
    const results = await Promise.allSettled(Array.from({ length: 20 }, (_, index) => task(index)));
    expect(peak).toBe(3);
    expect(results.filter((result) => result.status === "rejected")).toHaveLength(4);
    expect(limiter.running).toBe(0);
    expect(limiter.queued).toBe(0);
  });

  it("refuses a limit below 1", () => {
    expect(() => new ConcurrencyLimiter(0)).toThrow(/at least|>= 1/);
  });
});
