import type { TicketActor, TicketEntry } from "../../machines";
import type { StoredTicketEvent } from "./ticket-store.types";
import type { TicketStore } from "./ticket.store";

/** What a note is: an agent's diagnosis note, a question to the customer, the customer's reply. */
export const TICKET_NOTE_KINDS = ["DIAGNOSIS_NOTE", "QUESTION", "REPLY"] as const;
export type TicketNoteKind = (typeof TICKET_NOTE_KINDS)[number];

/** A note or message as the API lists it. */
export interface TicketNoteValue {
  /** The id of the audit event that carries the note. */
  id: string;
  kind: TicketNoteKind;
  text: string;
  at: Date;
  actor: StoredTicketEvent["actor"];
}

/** Which event carries a note, and in which payload field its text is. */
const NOTE_EVENTS: Readonly<Record<string, { kind: TicketNoteValue["kind"]; field: string }>> = {
  ADD_DIAGNOSIS_NOTE: { kind: "DIAGNOSIS_NOTE", field: "note" },
  REQUEST_CUSTOMER_INFO: { kind: "QUESTION", field: "question" },
  RECORD_CUSTOMER_REPLY: { kind: "REPLY", field: "reply" },
};

/**
 * Diagnosis notes and the customer conversation in event order. The notes live in the audit
 * events, not in the snapshot, so they are read from there (the same texts the audit trail holds).
 */
export function ticketNotesOf(events: readonly StoredTicketEvent[]): TicketNoteValue[] {
  return [...events]
    .sort((a, b) => a.sequence - b.sequence)
    .flatMap((event) => {
      const spec = NOTE_EVENTS[event.type];
      const text = spec ? event.payload[spec.field] : undefined;
      return spec && typeof text === "string" ? [{ id: event.id, kind: spec.kind, text, at: event.at, actor: event.actor }] : [];
    });
}

/** The diagnosis notes as machine entries (for the case packet and the filed description). */
export function diagnosisNotesOf(notes: readonly TicketNoteValue[]): TicketEntry[] {
  return notes
    .filter((note) => note.kind === "DIAGNOSIS_NOTE")
    .map((note) => ({ text: note.text, at: note.at.toISOString(), actor: note.actor as TicketActor }));
}

const EVENT_PAGE = 1_000;

/** Every note of a ticket, read page by page from its events. */
export async function readTicketNotes(store: Pick<TicketStore, "allEvents">, ticketId: string): Promise<TicketNoteValue[]> {
  return ticketNotesOf(await store.allEvents(ticketId, EVENT_PAGE));
}
