/**
 * The read model of a stored ticket: its row plus what its machine snapshot holds (category,
 * product, channel, ...), as the services and the API read it. Independent of GraphQL; the
 * GraphQL objects are made from it in src/graphql/resolvers/ticket.mapper.ts.
 */
import { contextOf, type PersistedTicketSnapshot, type TicketContext } from "../../machines";
import type { TicketRecord } from "./ticket-store.types";
import { ticketStateOfPath, type TicketState } from "./ticket-state";

/** The machine context of a stored ticket. */
export const ticketContext = (ticket: { snapshot: unknown }): TicketContext =>
  contextOf(ticket.snapshot as PersistedTicketSnapshot);

/** A stored ticket as the API shows it. */
export function ticketView(ticket: TicketRecord) {
  const context = ticketContext(ticket);
  return {
    id: ticket.id,
    title: ticket.title,
    description: ticket.description,
    customerId: ticket.customerId,
    state: ticketStateOfPath(ticket.statePath) as TicketState,
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

/** States whose tickets are still open (intake included), where matching incidents are worth suggesting. */
const SUGGESTING_STATES: ReadonlySet<TicketState> = new Set(["INTAKE", "DIAGNOSIS", "AWAITING_CUSTOMER", "RESOLUTION", "ESCALATED"]);

export const suggestsIncidents = (state: TicketState): boolean => SUGGESTING_STATES.has(state);
