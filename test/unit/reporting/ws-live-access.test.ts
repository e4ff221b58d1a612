import { describe, expect, it } from "vitest";
import type { DelegatedAccess } from "../../../src/cloud/cloud-types";
import { forbidden } from "../../../src/errors";
import { LiveTicketEvents } from "../../../src/reporting/live/live-ticket-events";
import { LiveAccessCheck } from "../../../src/reporting/live/live-access";

const access = (customerTenantId: string, status: DelegatedAccess["status"]): DelegatedAccess => ({ customerTenantId, status, roles: [], endsAt: null });

describe("LiveAccessCheck: the access data behind live subscriptions is never older than maxAgeMs", () => {
  function setup() {
    let now = 1_000_000;
    let status: DelegatedAccess["status"] = "ACTIVE";
    let fail = false;
    const calls = { reads: 0, forgotten: 0 };
    const check = new LiveAccessCheck({
      read: async () => {
        calls.reads++;
        if (fail) throw new Error("upstream down");
        return new Map([["c1", access("c1", status)]]);
      },
      maxAgeMs: 60_000,
      forgetCached: () => void calls.forgotten++,
      now: () => now,
    });
    return { check, calls, advance: (ms: number) => (now += ms), revoke: () => (status = "TERMINATED"), setFail: (value: boolean) => (fail = value) };
  }

  it("shares one read within maxAgeMs and re-reads (dropping the cached copy) once it is that old", async () => {
    const { check, calls, advance, revoke } = setup();
    expect(await check.hasUsableAccess("c1")).toBe(true);
    expect(await check.hasUsableAccess("unknown")).toBe(false);
    revoke();
    advance(59_999);
    expect(await check.hasUsableAccess("c1")).toBe(true); // still within the bound
    expect(calls).toEqual({ reads: 1, forgotten: 1 });
    advance(1);
    expect(await check.hasUsableAccess("c1")).toBe(false);
    expect(calls).toEqual({ reads: 2, forgotten: 2 });
  });

  it("keeps no failed read: the next check asks again", async () => {
    const { check, calls, setFail } = setup();
    setFail(true);
    await expect(check.hasUsableAccess("c1")).rejects.toThrow("upstream down");
    setFail(false);
    expect(await check.hasUsableAccess("c1")).toBe(true);
    expect(calls.reads).toBe(2);
  });
});

describe("LiveTicketEvents.stream: a gap on the bus ends the stream typed, after what was already accepted", () => {
  it("delivers the events before the gap, then rejects with SERVICE_UNAVAILABLE and unsubscribes", async () => {
    const bus = new LiveTicketEvents();
    const stream = bus.stream(() => true);
    const event = (id: string) => ({ id, ticketId: "t", customerId: "c", at: new Date() }) as never;
    // A stream starts listening on its first next() (graphql-ws asks at once), like any async iterator.
    const first = stream.next();
    await bus.publish(event("e1"));
    bus.reportGap({ since: new Date("2026-12-01T00:00:00Z"), reason: "REDIS_CONNECTION_LOST" });
    await bus.publish(event("e2"));
    expect((await first).value).toMatchObject({ id: "e1" });
    await expect(stream.next()).rejects.toMatchObject({ code: "SERVICE_UNAVAILABLE", details: { reason: "REDIS_CONNECTION_LOST" } });
    expect(await stream.next()).toEqual({ value: undefined, done: true });
  });

  it("ends with the accept function's typed error (access gone), keeping earlier events", async () => {
    const bus = new LiveTicketEvents();
    const stream = bus.stream((e: { id: string }) => {
      if (e.id === "e2") throw forbidden("gone");
      return true;
    });
    const first = stream.next();
    await bus.publish({ id: "e1" } as never);
    await bus.publish({ id: "e2" } as never);
    expect((await first).value).toMatchObject({ id: "e1" });
    await expect(stream.next()).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
