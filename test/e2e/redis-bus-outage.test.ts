import { Redis } from "ioredis";
import { afterEach, describe, expect, it } from "vitest";
import type { LiveTicketEvents, TicketEventGap } from "../../src/reporting/live/live-ticket-events";
import { connectRedisLiveTicketEvents } from "../../src/reporting/live/redis-live-ticket-events";
import { createLogger } from "../../src/server/logger";
import type { StoredTicketEvent } from "../../src/tickets/ticket-store.types";
import { startTestGateway } from "./support/test-gateway";
import { waitFor } from "./support/ticket-flows";

/** Issue 14: live events over Redis start without Redis, and report every break in delivery as a gap. */

const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const log = createLogger("silent");

function anEvent(id: string): StoredTicketEvent {
  return { id, ticketId: `t-${id}`, customerId: "c-1", sequence: 1, type: "OPEN", at: new Date() } as unknown as StoredTicketEvent;
}

describe("live events over Redis (graphql-yoga's Redis event target): outages", () => {
  const buses: LiveTicketEvents[] = [];
  afterEach(async () => {
    for (const bus of buses.splice(0)) await bus.close();
  });

  it("starts while Redis is unreachable: degraded, ping fails, a publish fails fast and is reported as a gap", async () => {
    const started = Date.now();
    const bus = await connectRedisLiveTicketEvents({ url: "redis://127.0.0.1:1", channelPrefix: `psg-test-${Date.now()}:`, log, connectWaitMs: 500 });
    buses.push(bus);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(bus.isLive()).toBe(false);
    await expect(bus.ping()).rejects.toThrow();
    const gaps: TicketEventGap[] = [];
    bus.onGap((gap) => gaps.push(gap));
    const publishStarted = Date.now();
    await expect(bus.publish(anEvent("e1"))).rejects.toThrow();
    expect(Date.now() - publishStarted).toBeLessThan(1_000);
    expect(gaps.map((gap) => gap.reason)).toEqual(["PUBLISH_FAILED"]);
    const closeStarted = Date.now();
    await bus.close();
    expect(Date.now() - closeStarted).toBeLessThan(1_500);
  });

  it("a killed subscriber connection is a gap; the bus reconnects, re-subscribes and delivers again", async () => {
    const prefix = `psg-test-${Date.now()}:`;
    const bus = await connectRedisLiveTicketEvents({ url: REDIS_URL, channelPrefix: prefix, log });
    buses.push(bus);
    expect(bus.isLive()).toBe(true);
    await bus.ping();
    const received: string[] = [];
    const gaps: TicketEventGap[] = [];
    // The library's own subscription (PubSub.subscribe) outlives the outage: the channel is renewed.
    const subscription = bus.pubSub.subscribe(bus.topic);
    void (async () => {
      for await (const event of subscription) if (event) received.push(event.id);
    })();
    bus.onGap((gap) => gaps.push(gap));
    await bus.publish(anEvent("before"));
    await waitFor(async () => received.includes("before"), "event before the outage");

    const admin = new Redis(REDIS_URL);
    try {
      // Cut the bus's subscriber connection (found by its CLIENT SETNAME), as a Redis restart would.
      const list = (await admin.client("LIST")) as string;
      const id = list.split("\n").find((line) => line.includes(` name=${prefix}subscriber `))?.match(/^id=(\d+)/)?.[1];
      expect(id).toBeDefined();
      await admin.client("KILL", "ID", id!);
    } finally {
      admin.disconnect();
    }
    await waitFor(async () => gaps.length > 0, "a gap after the subscriber connection was killed");
    expect(gaps[0]!.reason).toBe("REDIS_CONNECTION_LOST");
    await waitFor(async () => bus.isLive(), "the subscription back", 10_000);
    await bus.publish(anEvent("after"));
    await waitFor(async () => received.includes("after"), "event after the reconnect");
    expect(received).toEqual(["before", "after"]);
    await subscription.return();
  });

  it("a gateway starts while Redis is down and /ready says degraded (200), naming redis", async () => {
    const gw = await startTestGateway({ env: { REDIS_URL: "redis://127.0.0.1:1" } });
    try {
      const response = await fetch(`${gw.app.gateway.url}/ready`);
      const body = (await response.json()) as { status: string; checks: Record<string, { ok: boolean; required: boolean }> };
      expect(response.status).toBe(200);
      expect(body.status).toBe("degraded");
      expect(body.checks.redis).toMatchObject({ ok: false, required: false });
      expect(body.checks.database).toMatchObject({ ok: true, required: true });
    } finally {
      await gw.close();
    }
  });
});
