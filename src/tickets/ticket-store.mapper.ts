import { fromIsoTime } from "../db/iso-time";
import type { TicketEventEntity } from "../db/ticket-event.entity";
import type { StoredTicketEvent } from "./ticket-store.types";

/** Row -> stored event (the row keeps the hashed text of `payload` and `at`; this is its parsed form). */
export function toStoredTicketEvent(row: TicketEventEntity): StoredTicketEvent {
  return {
    id: row.id,
    ticketId: row.ticketId,
    customerId: row.customerId,
    sequence: row.sequence,
    type: row.type,
    fromState: row.fromState,
    toState: row.toState,
    actor: { id: row.actorId, displayName: row.actorName, role: row.actorRole },
    payload: JSON.parse(row.payload) as Record<string, unknown>,
    at: fromIsoTime(row.at),
    machineVersion: row.machineVersion,
    prevHash: row.prevHash,
    hash: row.hash,
    globalSequence: row.globalSequence,
  };
}
