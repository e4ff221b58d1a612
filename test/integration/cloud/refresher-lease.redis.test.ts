import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import { afterEach, describe, expect, it } from "vitest";
import { RedisLease } from "../../../src/cloud/refresher/redis-lease";
import { startTcpProxy, type TcpProxy } from "../../support/tcp-proxy";
import { waitFor } from "../../e2e/support/ticket-flows";

/** Issue 19: one refresher among several instances, by a lease in a real Redis on loopback. */

const REDIS = new URL(process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379");
const LEASE_MS = 600;

describe("RedisLease", () => {
  const clients: Redis[] = [];
  const leases: RedisLease[] = [];
  const proxies: TcpProxy[] = [];
  const key = `psg-test-${randomBytes(4).toString("hex")}:refresher-lease`;
  /** Every contender's events in the order they happened. */
  const order: string[] = [];
  const contender = (name: string, url = REDIS.href) => {
    const redis = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1, commandTimeout: 300, retryStrategy: () => 100 });
    redis.on("error", () => undefined);
    clients.push(redis);
    const events: string[] = [];
    const lease = new RedisLease(redis, key, name, LEASE_MS, {
      onAcquired: () => {
        events.push("acquired");
        order.push(`${name} acquired`);
      },
      onLost: (reason) => {
        events.push(`lost:${reason}`);
        order.push(`${name} lost`);
      },
    });
    leases.push(lease);
    return { lease, events, redis };
  };
  afterEach(async () => {
    for (const lease of leases.splice(0)) await lease.stop();
    for (const client of clients.splice(0)) client.disconnect();
    for (const proxy of proxies.splice(0)) await proxy.close();
    order.splice(0);
  });

  it("lets one of several contenders hold it, renewed while it runs", async () => {
    const all = ["a", "b", "c"].map((name) => contender(name));
    for (const { lease } of all) lease.start();
    await waitFor(async () => all.some(({ lease }) => lease.held), "a holder");
    // Well past several lease times, the same single holder.
    const first = all.find(({ lease }) => lease.held)!;
    await new Promise((resolve) => setTimeout(resolve, LEASE_MS * 3));
    expect(all.filter(({ lease }) => lease.held)).toEqual([first]);
    expect(await first.lease.holder()).toBe(first.lease.owner);
    expect(first.events).toEqual(["acquired"]);
  });

  it("passes to a standby when the holder stops (released at once)", async () => {
    const a = contender("a");
    const b = contender("b");
    a.lease.start();
    await waitFor(async () => a.lease.held, "a holds it");
    b.lease.start();
    await a.lease.stop();
    expect(a.events).toEqual(["acquired", "lost:released"]);
    await waitFor(async () => b.lease.held, "b takes it");
    expect(await b.lease.holder()).toBe("b");
  });

  it("passes to a standby when the holder dies without giving it back (the key expires)", async () => {
    const a = contender("a");
    const b = contender("b");
    a.lease.start();
    await waitFor(async () => a.lease.held, "a holds it");
    b.lease.start();
    // A process that dies: no more renewals, no release.
    a.redis.disconnect();
    await waitFor(async () => b.lease.held, "b takes it after the key expired");
    expect(await b.lease.holder()).toBe("b");
  });

  it("a holder that cannot reach Redis steps down before its lease can have passed to another", async () => {
    const proxy = await startTcpProxy({ host: REDIS.hostname, port: Number(REDIS.port || 6379) });
    proxies.push(proxy);
    const a = contender("a", proxy.url("redis"));
    a.lease.start();
    await waitFor(async () => a.lease.held, "a holds it");
    const b = contender("b");
    b.lease.start();
    await proxy.cut();
    await waitFor(async () => !a.lease.held, "a steps down");
    expect(a.events).toEqual(["acquired", "lost:unreachable"]);
    await waitFor(async () => b.lease.held, "b takes it");
    // Never two holders: a stepped down before b could take the key.
    expect(order).toEqual(["a acquired", "a lost", "b acquired"]);
  });
});
