import { describe, expect, it } from "vitest";
import { AUDIT_CSV, csvField, type AuditExportRow } from "../../../src/reporting/audit-export";
import { auditQueryFromParams, toAuditEventFilter } from "../../../src/reporting/audit-filter";
import { LiveTicketEvents } from "../../../src/reporting/live/live-ticket-events";
import { percentile } from "../../../src/reporting/ticket-metrics";
import type { StoredTicketEvent } from "../../../src/tickets/ticket-store.types";

describe("RFC 4180 CSV fields", () => {
  it("quotes commas, quotes and line breaks and leaves plain text alone", () => {
    expect(csvField("plain")).toBe("plain");
    expect(csvField('say "hi", then\r\nleave')).toBe('"say ""hi"", then\r\nleave"');
    expect(csvField(null)).toBe("");
    expect(csvField(3)).toBe("3");
    const row = { at: "2025-01-01T00:00:00.000Z", id: "e1", payload: '{"note":"a,b"}', prevHash: null } as unknown as AuditExportRow;
    expect(AUDIT_CSV.line(row)).toMatch(/^2025-01-01T00:00:00.000Z,e1,.*"\{""note"":""a,b""\}",,.*\r\n$/);
  });
});

describe("nearest-rank percentile", () => {
  it("answers observed values", () => {
    expect(percentile([], 0.5)).toBeNull();
    expect(percentile([5], 0.9)).toBe(5);
    expect(percentile([4, 1, 3, 2], 0.5)).toBe(2);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)).toBe(9);
  });
});

describe("export query parameters", () => {
  it("parses comma separated and repeated event types and ISO times", () => {
    const query = auditQueryFromParams({ eventTypes: ["OPEN,CLOSE", "CANCEL"], from: "2025-01-01T00:00:00Z", customerId: "c-1" });
    expect(toAuditEventFilter(query, "")).toEqual({ types: ["OPEN", "CLOSE", "CANCEL"], from: new Date("2025-01-01T00:00:00Z"), customerIds: ["c-1"] });
  });

  it("refuses unknown types, bad times, repeated ids and bad ids naming the field", () => {
    expect(() => toAuditEventFilter(auditQueryFromParams({ eventTypes: "NOPE" }), "")).toThrow(/Unknown event type/);
    expect(() => auditQueryFromParams({ from: "yesterday" })).toThrow(/ISO 8601/);
    expect(() => auditQueryFromParams({ ticketId: ["a", "b"] })).toThrow(/once/);
    expect(() => toAuditEventFilter({ actorId: "bad id with spaces" })).toThrow(/actorId/);
  });
});

describe("LiveTicketEvents.stream", () => {
  const event = (id: string, customerId = "c-1") => ({ id, ticketId: "t", customerId, at: new Date() }) as unknown as StoredTicketEvent;

  it("delivers accepted events in order and unsubscribes on return", async () => {
    const bus = new LiveTicketEvents();
    const stream = bus.stream(async (item) => item.customerId === "c-1");
    const first = stream.next(); // starts listening
    await bus.publish(event("1"));
    await bus.publish(event("2", "c-2"));
    await bus.publish(event("3"));
    expect((await first).value?.id).toBe("1");
    expect((await stream.next()).value?.id).toBe("3");
    const pending = stream.next();
    await stream.return!();
    expect(await pending).toEqual({ value: undefined, done: true });
    await bus.publish(event("4"));
    expect(await stream.next()).toEqual({ value: undefined, done: true });
  });
});
