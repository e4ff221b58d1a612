import type { EditableTicketField } from "../../machines";
import type { StoredTicketEvent } from "./ticket-store.types";

/** Fields every timeline entry has: a stable id (`<event id>:<part>`), its event, when and who. */
interface EntryBase {
  readonly id: string;
  readonly eventId: string;
  readonly sequence: number;
  readonly at: Date;
  readonly actor: StoredTicketEvent["actor"];
}

/** One entry of a ticket's conversation and record, typed by what it is. */
export type TimelineEntryValue = EntryBase &
  (
    | { readonly kind: "NOTE"; readonly text: string }
    | { readonly kind: "CUSTOMER_QUESTION"; readonly text: string }
    | { readonly kind: "CUSTOMER_REPLY"; readonly text: string }
    | { readonly kind: "RESOLUTION_PROPOSED"; readonly summary: string; readonly source: "PARTNER" | "MICROSOFT" }
    | { readonly kind: "RESOLUTION_REJECTED"; readonly reason: string }
    | { readonly kind: "MICROSOFT_MESSAGE"; readonly text: string }
    | { readonly kind: "MICROSOFT_ANSWER"; readonly text: string }
    | { readonly kind: "ASSIGNMENT"; readonly fromAgentId: string | null; readonly toAgentId: string | null }
    | { readonly kind: "FIELD_CHANGE"; readonly changes: readonly { field: EditableTicketField; from: string; to: string }[] }
    | {
        readonly kind: "STATE_CHANGE";
        readonly fromState: string | null;
        readonly toState: string;
        readonly eventType: string;
        /** The reason given with it (cancel, reopen) or the filing error, when there is one. */
        readonly reason: string | null;
      }
  );

export type TimelineEntryKind = TimelineEntryValue["kind"];

type EntryBody = DistributiveOmit<TimelineEntryValue, keyof EntryBase>;
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

const text = (payload: Record<string, unknown>, field: string): string | null => {
  const value = payload[field];
  return typeof value === "string" && value.length > 0 ? value : null;
};

/** What one event says besides its state change, in the order a reader follows it. */
function bodiesOf(event: StoredTicketEvent): EntryBody[] {
  const p = event.payload;
  const one = (body: EntryBody | null): EntryBody[] => (body === null ? [] : [body]);
  switch (event.type) {
    case "ADD_DIAGNOSIS_NOTE":
      return one(text(p, "note") === null ? null : { kind: "NOTE", text: text(p, "note")! });
    case "REQUEST_CUSTOMER_INFO":
      return one(text(p, "question") === null ? null : { kind: "CUSTOMER_QUESTION", text: text(p, "question")! });
    case "RECORD_CUSTOMER_REPLY":
      return one(text(p, "reply") === null ? null : { kind: "CUSTOMER_REPLY", text: text(p, "reply")! });
    case "PROPOSE_RESOLUTION":
      return one(text(p, "summary") === null ? null : { kind: "RESOLUTION_PROPOSED", summary: text(p, "summary")!, source: "PARTNER" });
    case "REJECT_RESOLUTION":
      return one(text(p, "reason") === null ? null : { kind: "RESOLUTION_REJECTED", reason: text(p, "reason")! });
    case "RESPOND_TO_MICROSOFT":
      return one(text(p, "note") === null ? null : { kind: "MICROSOFT_ANSWER", text: text(p, "note")! });
    case "MICROSOFT_ACTION_REQUIRED":
      return one(text(p, "microsoftNote") === null ? null : { kind: "MICROSOFT_MESSAGE", text: text(p, "microsoftNote")! });
    case "MICROSOFT_CLOSED": {
      const note = text(p, "microsoftNote");
      // The machine proposes Microsoft's closing note as the resolution (recordMicrosoftClosed).
      const summary = note ?? "Microsoft closed the service request";
      return [...(note === null ? [] : [{ kind: "MICROSOFT_MESSAGE", text: note } as const]), { kind: "RESOLUTION_PROPOSED", summary, source: "MICROSOFT" }];
    }
    case "START_DIAGNOSIS":
      return [{ kind: "ASSIGNMENT", fromAgentId: null, toAgentId: text(p, "assigneeId") ?? event.actor.id }];
    case "ASSIGN":
      return [{ kind: "ASSIGNMENT", fromAgentId: text(p, "previousAssigneeId"), toAgentId: text(p, "assigneeId") }];
    case "UPDATE_DETAILS":
      return [{ kind: "FIELD_CHANGE", changes: Array.isArray(p.changes) ? (p.changes as { field: EditableTicketField; from: string; to: string }[]) : [] }];
    default:
      return [];
  }
}

const PART: Readonly<Record<TimelineEntryKind, string>> = {
  NOTE: "note",
  CUSTOMER_QUESTION: "question",
  CUSTOMER_REPLY: "reply",
  RESOLUTION_PROPOSED: "proposal",
  RESOLUTION_REJECTED: "rejection",
  MICROSOFT_MESSAGE: "microsoft",
  MICROSOFT_ANSWER: "answer",
  ASSIGNMENT: "assignment",
  FIELD_CHANGE: "fields",
  STATE_CHANGE: "state",
};

/**
 * A ticket's timeline from its audit events (sequence order): what each event says, then the
 * state change it made, if any. Ids are `<event id>:<part>`, so they never change and never
 * repeat; the texts are the ones the hash-chained audit trail holds.
 */
export function timelineOf(events: readonly StoredTicketEvent[]): TimelineEntryValue[] {
  return [...events]
    .sort((a, b) => a.sequence - b.sequence)
    .flatMap((event) => {
      const bodies = bodiesOf(event);
      if (event.fromState !== event.toState) {
        const reason = text(event.payload, "reason") ?? text(event.payload, "error");
        bodies.push({ kind: "STATE_CHANGE", fromState: event.fromState === "" ? null : event.fromState, toState: event.toState, eventType: event.type, reason });
      }
      return bodies.map(
        (body) =>
          ({ ...body, id: `${event.id}:${PART[body.kind]}`, eventId: event.id, sequence: event.sequence, at: event.at, actor: event.actor }) as TimelineEntryValue,
      );
    });
}

/** The messages exchanged with Microsoft on the current escalation (after the last ESCALATE). */
export function escalationMessagesOf(entries: readonly TimelineEntryValue[], events: readonly StoredTicketEvent[]): TimelineEntryValue[] {
  const escalatedAt = Math.max(0, ...events.filter((event) => event.type === "ESCALATE").map((event) => event.sequence));
  return entries.filter((entry) => entry.sequence > escalatedAt && (entry.kind === "MICROSOFT_MESSAGE" || entry.kind === "MICROSOFT_ANSWER"));
}
