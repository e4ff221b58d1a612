/**
 * What the services read from a stored ticket beyond its row: the machine context its snapshot
 * holds (category, product, channel, ...) and whether its state suggests incidents. The GraphQL
 * object is made from the row in src/graphql/resolvers/ticket.mapper.ts: two ticket shapes, the
 * entity and the GraphQL object.
 */
import { contextOf, type PersistedTicketSnapshot, type TicketContext } from "../../machines";
import { OPEN_TICKET_STATES, type TicketState } from "./ticket-state";

/** The machine context of a stored ticket. */
export const ticketContext = (ticket: { snapshot: unknown }): TicketContext =>
  contextOf(ticket.snapshot as PersistedTicketSnapshot);

/** States whose tickets are still open (intake included), where matching incidents are worth suggesting. */
const SUGGESTING_STATES: ReadonlySet<TicketState> = new Set(OPEN_TICKET_STATES);

export const suggestsIncidents = (state: TicketState): boolean => SUGGESTING_STATES.has(state);
