/** Maps store records (tickets, events, notes, pages) to the GraphQL object types. */
import type { TicketActor } from "../../../machines";
import type { TicketNoteValue } from "../../tickets/ticket-notes";
import type { StoredTicketEvent, TicketRecord } from "../../tickets/ticket-store.types";
import { ticketContext } from "../../tickets/ticket-read-model";
import { ticketStateOfPath } from "../../tickets/ticket-state";
import type { AgentType } from "../types/agent.type";
import type { Ticket, TicketEvent, TicketNote } from "../types/ticket.types";

/** A stored ticket (the entity) as the GraphQL object; the machine context supplies category, product, severity and channel. */
export function toTicket(ticket: TicketRecord): Ticket {
  const context = ticketContext(ticket);
  return {
    id: ticket.id,
    title: ticket.title,
    description: ticket.description,
    customerId: ticket.customerId,
    state: ticketStateOfPath(ticket.statePath) as Ticket["state"],
    stateValue: ticket.statePath,
    category: context.category,
    product: context.product,
    severity: context.severity,
    channel: context.channel,
    version: ticket.version,
    machineVersion: ticket.machineVersion,
    createdAt: ticket.createdAt,
    updatedAt: ticket.updatedAt,
    assigneeId: ticket.assigneeId,
    snapshot: ticket.snapshot,
  };
}

export const toAgent = (actor: TicketActor | StoredTicketEvent["actor"]): AgentType => ({
  id: actor.id,
  displayName: actor.displayName,
  role: actor.role as AgentType["role"],
});

export function toTicketEvent(event: StoredTicketEvent): TicketEvent {
  return {
    id: event.id,
    ticketId: event.ticketId,
    customerId: event.customerId,
    sequence: event.sequence,
    type: event.type as TicketEvent["type"],
    fromState: event.fromState,
    toState: event.toState,
    actor: toAgent(event.actor),
    at: event.at,
    payload: event.payload,
    machineVersion: event.machineVersion,
    previousHash: event.prevHash,
    hash: event.hash,
    globalSequence: event.globalSequence,
  };
}

/** Diagnosis notes and the customer conversation (read from the events), oldest first. */
export function toTicketNotes(notes: readonly TicketNoteValue[]): TicketNote[] {
  return notes.map((note) => ({ id: note.id, text: note.text, at: note.at, author: toAgent(note.actor), kind: note.kind }));
}
