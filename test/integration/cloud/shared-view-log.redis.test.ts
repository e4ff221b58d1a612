import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import { afterEach, describe, expect, it } from "vitest";
import type { CachePolicy, ReadCache } from "../../../src/cloud/cache";
import type { CloudCachePolicies } from "../../../src/cloud/cached-cloud";
import type { MicrosoftCloud } from "../../../src/cloud/ports";
import { DEFAULT_REFRESHER_PACING, ReadRefresher } from "../../../src/cloud/refresher/read-refresher";
import { SharedViewLog } from "../../../src/cloud/refresher/shared-view-log";

/** Issue 19: views on every instance reach the lease holder's refresher, through a real Redis on loopback. */

const REDIS = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const KEEP_MS = 60_000;

describe("SharedViewLog", () => {
  const clients: Redis[] = [];
  const key = `psg-test-${randomBytes(4).toString("hex")}:refresher-lease:viewed`;
  const client = () => {
    const redis = new Redis(REDIS, { maxRetriesPerRequest: 1 });
    clients.push(redis);
    return redis;
  };
  afterEach(async () => {
    await clients[0]?.del(key);
    for (const redis of clients.splice(0)) redis.disconnect();
  });

  it("gathers each instance's views into one set, newest time per tenant, older than keepMs trimmed", async () => {
    let now = 1_000_000;
    const errors: unknown[] = [];
    const standby = new SharedViewLog(client(), key, KEEP_MS, (error) => errors.push(error), 10_000, () => now);
    const holder = new SharedViewLog(client(), key, KEEP_MS, (error) => errors.push(error), 10_000, () => now);
    standby.note("TENANT-A");
    standby.note("tenant-b");
    await standby.flush();
    now += 5_000;
    standby.note("tenant-a");
    await standby.stop();
    expect([...(await holder.recent())].sort()).toEqual([
      ["tenant-a", 1_005_000],
      ["tenant-b", 1_000_000],
    ]);
    // A view older than keepMs is neither answered nor kept.
    now += KEEP_MS - 1_000;
    expect([...(await holder.recent()).keys()]).toEqual(["tenant-a"]);
    holder.note("tenant-c");
    await holder.stop();
    expect(await clients[0]!.zrange(key, 0, -1)).toEqual(["tenant-a", "tenant-c"]);
    expect(await clients[0]!.pttl(key)).toBeGreaterThan(0);
    expect(errors).toEqual([]);
  });

  it("puts a tenant another instance viewed first in the holder's refresher", async () => {
    const standby = new SharedViewLog(client(), key, KEEP_MS, () => undefined, 10_000);
    const holder = new SharedViewLog(client(), key, KEEP_MS, () => undefined, 10_000);
    const tenants = Array.from({ length: 20 }, (_, index) => `tenant-${String(index).padStart(2, "0")}`);
    const viewed = tenants[17]!;
    standby.note(viewed);
    await standby.stop();

    // A refresher over 20 never-read tenants that may start one read: whose goes first?
    const read: string[] = [];
    const cache: ReadCache = {
      freshness: () => undefined,
      refresh: async (_key: string, _policy: CachePolicy, load: () => Promise<unknown>) => {
        await load();
        return "upstream";
      },
      get: async (_key: string, _policy: CachePolicy, load: () => Promise<unknown>) => load(),
    } as unknown as ReadCache;
    const upstream = {
      customers: { listCustomers: async () => tenants.map((id) => ({ id })), listDelegatedAccess: async () => [] },
      health: { getTenantHealth: async (tenant: string) => void read.push(`health ${tenant}`) },
      subscriptions: { listSubscriptions: async (tenant: string) => void read.push(`subscriptions ${tenant}`) },
    } as unknown as MicrosoftCloud;
    const policy: CachePolicy = { ttlMs: 60_000 } as CachePolicy;
    const refresher = new ReadRefresher({
      upstream,
      cache,
      policies: { health: policy, subscriptions: policy, directory: policy } as unknown as CloudCachePolicies,
      pacing: { ...DEFAULT_REFRESHER_PACING, maxInFlight: 3 },
      viewedElsewhere: () => holder.recent(),
      priorityEveryMs: 60_000,
    });
    // start() asks Redis for the views (its first round may run before they arrive), then rounds run.
    refresher.start();
    refresher.stop();
    await new Promise((resolve) => setTimeout(resolve, 200));
    read.splice(0);
    // Nothing is ever fresh in this cache: every read is due at each round, so the order shows.
    await refresher.tick();
    await new Promise((resolve) => setTimeout(resolve, 50));
    // Three reads in flight at most: the GDAP list (partner-wide, first), then the viewed tenant's two.
    expect(read.slice(0, 2).sort()).toEqual([`health ${viewed}`, `subscriptions ${viewed}`]);
  });
});
