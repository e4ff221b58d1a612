import { fromIsoTime } from "../db/iso-time";
import type { TicketEventEntity } from "../db/ticket-event.entity";
import type { TicketEntity } from "../db/ticket.entity";
import type { StoredTicketEvent, TicketRecord } from "./ticket-store.types";

/** Row -> domain record. */
export function toTicketRecord(row: TicketEntity): TicketRecord {
  return {
    id: row.id,
    customerId: row.customerId,
    title: row.title,
    description: row.description,
    category: row.category,
    product: row.product,
    severity: row.severity,
    channel: row.channel,
    state: row.state,
    statePath: row.statePath,
    assigneeId: row.assigneeId,
    snapshot: JSON.parse(row.snapshot) as unknown,
    machineVersion: row.machineVersion,
    version: row.version,
    idempotencyKey: row.idempotencyKey,
    requestFingerprint: row.requestFingerprint,
    createdBy: row.createdBy,
    createdAt: fromIsoTime(row.createdAt),
    updatedAt: fromIsoTime(row.updatedAt),
  };
}

/** Row -> stored event. */
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
