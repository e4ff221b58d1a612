import { describe, expect, it } from "vitest";
import { isAlertPayload, type AlertPayload } from "../../../src/alerts/alert-payload";
import { LiveTicketEvents } from "../../../src/reporting/live/live-ticket-events";
import { decodeLiveMessage, encodeLiveMessage } from "../../../src/reporting/live/redis-live-ticket-events";
import type { StoredTicketEvent } from "../../../src/tickets/ticket-store.types";

const event = (globalSequence: number, customerId = "c-1") =>
  ({ id: `e${globalSequence}`, ticketId: "t", customerId, globalSequence, at: new Date() }) as unknown as StoredTicketEvent;
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe("LiveTicketEvents.stream with a replay (resuming after a reconnect)", () => {
  it("replays first, holds what arrives meanwhile, skips what the replay delivered, and drops nothing of a long replay", async () => {
    const bus = new LiveTicketEvents();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    async function* replay(): AsyncGenerator<StoredTicketEvent> {
      for (let g = 1; g <= 1_500; g++) {
        if (g === 1_000) await gate;
        yield event(g);
      }
    }
    const stream = bus.stream(() => true, replay);
    const first = stream.next(); // starts the stream: the live listener is in place before the replay reads
    // Published while the replay runs: two it also holds, two after it.
    for (const g of [1_499, 1_500, 1_501, 1_502]) await bus.publish(event(g));
    release();
    await new Promise((resolve) => setTimeout(resolve, 100)); // a slow client: nothing read for a while
    const received = [(await first).value!.globalSequence];
    while (received.length < 1_502) received.push((await stream.next()).value!.globalSequence);
    expect(received).toEqual(range(1, 1_502));
    await bus.publish(event(1_503));
    expect((await stream.next()).value!.globalSequence).toBe(1_503);
    await stream.return();
  });

  it("replayed events pass the same filter as live ones, and a failing replay ends the stream with its error", async () => {
    const bus = new LiveTicketEvents();
    async function* replay(): AsyncGenerator<StoredTicketEvent> {
      yield event(1);
      yield event(2, "c-hidden");
      yield event(3);
      throw new Error("database gone");
    }
    const stream = bus.stream((item) => item.customerId === "c-1", replay);
    expect((await stream.next()).value!.globalSequence).toBe(1);
    expect((await stream.next()).value!.globalSequence).toBe(3);
    await expect(stream.next()).rejects.toThrow("database gone");
    expect(await stream.next()).toEqual({ value: undefined, done: true });
  });

  it("a gap during the replay ends the stream after the replay, typed, instead of delivering the held events", async () => {
    const bus = new LiveTicketEvents();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    async function* replay(): AsyncGenerator<StoredTicketEvent> {
      yield event(1);
      await gate;
      yield event(2);
    }
    const stream = bus.stream(() => true, replay);
    expect((await stream.next()).value!.globalSequence).toBe(1);
    await bus.publish(event(3));
    bus.reportGap({ since: new Date(), reason: "PUBLISH_FAILED" });
    release();
    expect((await stream.next()).value!.globalSequence).toBe(2);
    await expect(stream.next()).rejects.toMatchObject({ code: "SERVICE_UNAVAILABLE", details: { reason: "PUBLISH_FAILED" } });
  });
});

describe("alerts on the live-events transport (issue 18)", () => {
  const alert = {
    schema: "alert.v1",
    id: "alrt_1",
    kind: "CUSTOMER_REPLIED",
    severity: "INFO",
    occurredAt: "2026-12-01T09:30:00.000Z",
    title: "Customer replied",
    summary: "s",
    customer: { id: "c-1", name: null },
    ticket: null,
    link: "https://desk.example.com/customers/c-1",
    details: {},
  } as const satisfies AlertPayload;

  it("keeps alerts and ticket events apart: each topic's listeners get only their own kind", async () => {
    const bus = new LiveTicketEvents();
    const alerts: AlertPayload[] = [];
    const stop = bus.onAlert((received) => alerts.push(received));
    const stream = bus.stream(() => true);
    const next = stream.next();
    await bus.publishAlert(alert);
    await bus.publish(event(1));
    expect((await next).value!.globalSequence).toBe(1);
    expect(alerts).toEqual([alert]);
    stop();
    await bus.publishAlert({ ...alert, id: "alrt_2" });
    expect(alerts).toHaveLength(1);
    await stream.return();
  });

  it("encodes both on the Redis wire and tells them apart when decoding (the parser does not see the channel)", () => {
    expect(decodeLiveMessage(encodeLiveMessage(alert))).toEqual(alert);
    const ticketEvent = { ...event(7), at: new Date("2026-12-01T09:30:00.000Z") };
    const decoded = decodeLiveMessage(encodeLiveMessage(ticketEvent));
    expect(isAlertPayload(decoded)).toBe(false);
    expect((decoded as StoredTicketEvent).at).toEqual(ticketEvent.at);
    expect(decodeLiveMessage("{not json")).toBeNull();
    // Almost an alert (an unknown kind) is not one, and not a ticket event either.
    expect(decodeLiveMessage(JSON.stringify({ ...alert, kind: "SOMETHING_ELSE" }))).toBeNull();
  });
});

describe("LiveTicketEvents with many subscribers", () => {
  it("serves 50 open streams without a MaxListenersExceededWarning, and each one's listeners go when it ends", async () => {
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(warning.name);
    process.on("warning", onWarning);
    try {
      const bus = new LiveTicketEvents();
      const streams = Array.from({ length: 50 }, () => bus.stream(() => true));
      const firsts = streams.map((stream) => stream.next());
      await new Promise((resolve) => setImmediate(resolve)); // every stream has subscribed
      await bus.publish(event(1));
      expect((await Promise.all(firsts)).map((r) => r.value!.globalSequence)).toEqual(streams.map(() => 1));
      await Promise.all(streams.map((stream) => stream.return()));
      let delivered = 0;
      const off = bus.onEvent(() => delivered++);
      await bus.publish(event(2));
      off();
      expect(delivered).toBe(1);
      await new Promise((resolve) => setImmediate(resolve)); // process warnings are emitted on the next tick
      expect(warnings.filter((name) => name === "MaxListenersExceededWarning")).toEqual([]);
    } finally {
      process.off("warning", onWarning);
    }
  });
});
