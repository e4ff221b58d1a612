import {
  canonicalTicketSnapshot,
  replayTicketEvents,
  statePathOf,
  TICKET_MACHINE_VERSION,
  TicketEventRefusedError,
  type PersistedTicketSnapshot,
  type TicketEvent,
} from "../../machines";
import { verifyChain } from "./audit-hash";
import type { TicketStore } from "./ticket.store";
import type { StoredTicketEvent } from "./ticket-store.types";

export interface AuditFailure {
  ticketId: string;
  /** The first event sequence that does not check out (0 when the ticket row itself is wrong). */
  sequence: number;
  reason: string;
}

export interface AuditReport {
  ticketsChecked: number;
  eventsChecked: number;
  /** The first failure; verification stops there. */
  failure: AuditFailure | null;
}

/** Rebuilds the machine event an audit row records (the row's columns plus its payload). */
export function machineEventOf(row: StoredTicketEvent): TicketEvent {
  return {
    ...row.payload,
    type: row.type,
    at: row.at.toISOString(),
    actor: row.actor,
  } as TicketEvent;
}

/**
 * Checks one ticket: its hash chain (sequence, links, hashes) and that replaying its events
 * through the machine reproduces the stored snapshot and state. Returns the first failure.
 */
export async function verifyTicket(store: TicketStore, ticketId: string): Promise<{ events: number; failure: AuditFailure | null }> {
  const ticket = await store.findById(ticketId);
  if (!ticket) return { events: 0, failure: { ticketId, sequence: 0, reason: "ticket row not found" } };
  const events: StoredTicketEvent[] = [];
  for await (const event of store.iterateTicketEvents(ticketId)) events.push(event);

  const chain = verifyChain(events);
  if (!chain.ok) return { events: events.length, failure: { ticketId, sequence: chain.sequence, reason: chain.message } };
  if (events.length !== ticket.version) {
    return {
      events: events.length,
      failure: { ticketId, sequence: events.length, reason: `ticket version ${ticket.version} but ${events.length} audit events` },
    };
  }
  const otherVersion = events.find((event) => event.machineVersion !== TICKET_MACHINE_VERSION);
  if (otherVersion) {
    return {
      events: events.length,
      failure: {
        ticketId,
        sequence: otherVersion.sequence,
        reason: `event made with machine version ${otherVersion.machineVersion}; this build replays version ${TICKET_MACHINE_VERSION} (migrate the ticket first)`,
      },
    };
  }

  let replayed: PersistedTicketSnapshot;
  try {
    replayed = replayTicketEvents(events.map(machineEventOf));
  } catch (error) {
    const sequence = error instanceof TicketEventRefusedError ? (error.eventIndex ?? -1) + 1 : 0;
    return { events: events.length, failure: { ticketId, sequence, reason: `replay refused: ${(error as Error).message}` } };
  }
  const last = events.at(-1)?.sequence ?? 0;
  if (canonicalTicketSnapshot(replayed) !== canonicalTicketSnapshot(ticket.snapshot as PersistedTicketSnapshot)) {
    return { events: events.length, failure: { ticketId, sequence: last, reason: "replayed snapshot differs from the stored snapshot" } };
  }
  if (statePathOf(replayed) !== ticket.statePath) {
    return {
      events: events.length,
      failure: { ticketId, sequence: last, reason: `stored state ${ticket.statePath} but replay ends in ${statePathOf(replayed)}` },
    };
  }
  return { events: events.length, failure: null };
}

/** Verifies one ticket or every ticket, stopping at the first failure. */
export async function verifyAuditTrail(
  store: TicketStore,
  options: { ticketId?: string; onProgress?: (ticketsChecked: number) => void } = {},
): Promise<AuditReport> {
  const report: AuditReport = { ticketsChecked: 0, eventsChecked: 0, failure: null };
  const ids = options.ticketId ? oneId(options.ticketId) : store.iterateTicketIds();
  for await (const ticketId of ids) {
    const result = await verifyTicket(store, ticketId);
    report.ticketsChecked += 1;
    report.eventsChecked += result.events;
    if (result.failure) {
      report.failure = result.failure;
      return report;
    }
    if (report.ticketsChecked % 1000 === 0) options.onProgress?.(report.ticketsChecked);
  }
  return report;
}

async function* oneId(id: string): AsyncGenerator<string> {
  yield id;
}
