import { describe, expect, it } from "vitest";
import {
  applyTicketEvent,
  availableEventTypes,
  canonicalTicketSnapshot,
  contextOf,
  replayTicketEvents,
  upgradeTicketSnapshot,
  type PersistedTicketSnapshot,
  type TicketEvent,
} from "../../../machines";
import { historyTo, minute, ticketEvent } from "./ticket.factory";

const NOTE = "x".repeat(10_000);

/** The snapshot as stored before notes left the context: the arrays the old machine kept. */
function legacyShape(snapshot: PersistedTicketSnapshot, events: readonly TicketEvent[]): PersistedTicketSnapshot {
  const { diagnosisNoteCount: _n, customerExchangeCount: _c, lastCustomerQuestion: _q, ...rest } = snapshot.context;
  const entry = (text: string, event: TicketEvent) => ({ text, at: event.at, actor: event.actor });
  const diagnosisNotes = events.flatMap((e) => (e.type === "ADD_DIAGNOSIS_NOTE" ? [entry(e.note, e)] : []));
  const customerExchanges = events.flatMap((e) =>
    e.type === "REQUEST_CUSTOMER_INFO"
      ? [{ kind: "QUESTION", ...entry(e.question, e) }]
      : e.type === "RECORD_CUSTOMER_REPLY"
        ? [{ kind: "REPLY", ...entry(e.reply, e) }]
        : [],
  );
  return { ...snapshot, context: { ...rest, diagnosisNotes, customerExchanges } as never };
}

describe("notes live in events, not in the snapshot", () => {
  it("keeps the snapshot's size independent of the number and length of notes", () => {
    const base = historyTo("diagnosis");
    const one = replayTicketEvents([...base, ticketEvent("ADD_DIAGNOSIS_NOTE", { note: NOTE }, minute(5))]);
    const many = replayTicketEvents([
      ...base,
      ...Array.from({ length: 400 }, (_, i) => ticketEvent("ADD_DIAGNOSIS_NOTE", { note: NOTE }, minute(5 + i))),
    ]);
    expect(contextOf(many).diagnosisNoteCount).toBe(400);
    const bytes = (s: PersistedTicketSnapshot) => Buffer.byteLength(JSON.stringify(s));
    expect(bytes(many)).toBeLessThan(4_000);
    // Only the count's digits (and nothing of the 4 MB of text) differ.
    expect(bytes(many) - bytes(one)).toBeLessThanOrEqual(2);
  });

  it("still requires a diagnosis note before escalating, from the counter", () => {
    const diagnosis = replayTicketEvents(historyTo("diagnosis"));
    expect(availableEventTypes(diagnosis)).not.toContain("ESCALATE");
    const refused = applyTicketEvent(diagnosis, ticketEvent("ESCALATE", {}, minute(3)));
    expect(refused.ok ? null : refused.refusal.code).toBe("NO_DIAGNOSIS_NOTE");
    const noted = applyTicketEvent(diagnosis, ticketEvent("ADD_DIAGNOSIS_NOTE", {}, minute(3)));
    expect(noted.ok && availableEventTypes(noted.snapshot)).toContain("ESCALATE");
  });

  it("tells the customer the latest question without keeping the conversation", () => {
    const events: TicketEvent[] = [
      ...historyTo("awaitingCustomer"),
      ticketEvent("RECORD_CUSTOMER_REPLY", { reply: "It fails at 09:00." }, minute(5)),
    ];
    const snapshot = replayTicketEvents(events);
    const asked = applyTicketEvent(snapshot, ticketEvent("REQUEST_CUSTOMER_INFO", { question: "Which region?" }, minute(6)));
    if (!asked.ok) throw new Error(asked.refusal.message);
    expect(asked.effects).toContainEqual(expect.objectContaining({ type: "NOTIFY_CUSTOMER", notice: "INFORMATION_REQUESTED", message: "Which region?" }));
    expect(contextOf(asked.snapshot)).toMatchObject({ customerExchangeCount: 3, lastCustomerQuestion: { text: "Which region?" } });
  });

  it("restores, serves and compares a snapshot stored in the old shape (notes array) like its replay", () => {
    const events: TicketEvent[] = [
      ...historyTo("awaitingCustomer"),
      ticketEvent("RECORD_CUSTOMER_REPLY", { reply: "It fails at 09:00." }, minute(5)),
      ticketEvent("ADD_DIAGNOSIS_NOTE", { note: "Quota exhausted in West Europe." }, minute(6)),
      ticketEvent("ADD_DIAGNOSIS_NOTE", { note: "Raised the quota request." }, minute(7)),
    ];
    const replayed = replayTicketEvents(events);
    const old = legacyShape(replayed, events);
    expect((old.context as unknown as { diagnosisNotes: unknown[] }).diagnosisNotes).toHaveLength(2);
    expect(canonicalTicketSnapshot(old)).toBe(canonicalTicketSnapshot(replayed));
    expect(contextOf(old)).toEqual(replayed.context);
    expect(availableEventTypes(old)).toEqual(availableEventTypes(replayed));
    // The next write restores the old row and stores today's small shape.
    const next = applyTicketEvent(old, ticketEvent("ADD_DIAGNOSIS_NOTE", { note: "More." }, minute(8)));
    if (!next.ok) throw new Error(next.refusal.message);
    expect(next.snapshot.context).not.toHaveProperty("diagnosisNotes");
    expect(contextOf(next.snapshot).diagnosisNoteCount).toBe(3);
    // A snapshot that differs from its history still differs after the upgrade.
    const tampered = legacyShape(replayed, events.slice(0, -1));
    expect(canonicalTicketSnapshot(tampered)).not.toBe(canonicalTicketSnapshot(replayed));
    expect(upgradeTicketSnapshot(replayed)).toBe(replayed);
  });
});
