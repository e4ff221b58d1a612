import type { TicketMachineEvent } from "../../machines";
import { ErrorCode, isAppError } from "../errors";
import type { TicketService } from "../tickets/ticket.service";
import type { TicketRecord } from "../tickets/ticket-store.types";

const MAX_TRIES = 3;

/**
 * Applies the system event `decide` builds from the current ticket, reloading on a version
 * conflict (an agent acted meanwhile). `decide` returns null when nothing is to be done any more.
 * Returns "applied", "skipped" (decide said null) or "refused" (the machine no longer allows it).
 */
export async function applySystemEvent(
  tickets: TicketService,
  ticketId: string,
  decide: (ticket: TicketRecord) => TicketMachineEvent | null,
): Promise<"applied" | "skipped" | "refused"> {
  for (let attempt = 1; ; attempt++) {
    const ticket = await tickets.getTicket(ticketId);
    const event = decide(ticket);
    if (event === null) return "skipped";
    try {
      await tickets.applySystemEvent(ticketId, ticket.version, event);
      return "applied";
    } catch (error) {
      if (isAppError(error) && error.code === ErrorCode.VERSION_CONFLICT && attempt < MAX_TRIES) continue;
      if (isAppError(error) && (error.code === ErrorCode.TRANSITION_NOT_ALLOWED || error.code === ErrorCode.BAD_USER_INPUT)) return "refused";
      throw error;
    }
  }
}
