import { toIsoTime } from "../db/iso-time";
import { newRowId } from "../db/row-id";
import { OutboxJobStatus, type OutboxJobEntity } from "../db/outbox-job.entity";
import type { TicketEntity } from "../db/ticket.entity";
import type { UnchainedEventRow } from "./audit-global-chain";
import { canonicalJson, computeEventHash } from "./audit-hash";
import type { NewAuditEvent, NewOutboxJob, NewTicket, TicketChanges } from "./ticket-store.types";

/** The rows a ticket write stores, built without I/O (the ticket store writes them). */

/** The row of a new ticket at version 1. */
export function newTicketRow(ticket: NewTicket): TicketEntity {
  const createdAt = ticket.createdAt;
  return {
    id: ticket.id ?? newRowId(),
    customerId: ticket.customerId,
    title: ticket.title,
    description: ticket.description,
    category: ticket.category,
    product: ticket.product,
    severity: ticket.severity,
    channel: ticket.channel,
    state: ticket.state,
    statePath: ticket.statePath,
    assigneeId: ticket.assigneeId,
    snapshot: ticket.snapshot,
    machineVersion: ticket.machineVersion,
    version: 1,
    idempotencyKey: ticket.idempotencyKey,
    requestFingerprint: ticket.requestFingerprint,
    createdBy: ticket.createdBy,
    createdAt,
    updatedAt: createdAt,
    lastEventSequence: null,
    lastEventHash: null,
  };
}

/** The columns a transition changes (besides `version`, which the writer bumps in SQL). */
export type TicketRowChanges = Pick<TicketEntity, "snapshot" | "state" | "statePath" | "machineVersion" | "updatedAt"> &
  Partial<Pick<TicketEntity, "assigneeId" | "severity" | "title" | "description" | "product" | "category" | "lastEventSequence" | "lastEventHash">>;

export function ticketRowChanges(changes: TicketChanges, event: NewAuditEvent): TicketRowChanges {
  const set: TicketRowChanges = {
    snapshot: changes.snapshot,
    state: changes.state,
    statePath: changes.statePath,
    machineVersion: changes.machineVersion ?? event.machineVersion,
    updatedAt: changes.updatedAt,
  };
  if (changes.assigneeId !== undefined) set.assigneeId = changes.assigneeId;
  if (changes.severity !== undefined) set.severity = changes.severity;
  if (changes.title !== undefined) set.title = changes.title;
  if (changes.description !== undefined) set.description = changes.description;
  if (changes.product !== undefined) set.product = changes.product;
  if (changes.category !== undefined) set.category = changes.category;
  return set;
}

/** The last event of a ticket's chain, which the next one links to. */
export interface ChainHead {
  sequence: number;
  hash: string;
}

/**
 * The next event of the ticket's chain after `previous` (null: the ticket's first event). Its
 * place in the global chain is assigned by the writer under the head lock (audit-global-chain.ts).
 */
export function nextEventRow(ticketId: string, customerId: string, previous: ChainHead | null, event: NewAuditEvent): UnchainedEventRow {
  const sequence = (previous?.sequence ?? 0) + 1;
  const prevHash = previous?.hash ?? null;
  // The one conversion of `at`: the stored text is what the hash covers.
  const at = toIsoTime(event.at);
  return {
    id: newRowId(),
    ticketId,
    customerId,
    sequence,
    type: event.type,
    fromState: event.fromState,
    toState: event.toState,
    actorId: event.actor.id,
    actorName: event.actor.displayName,
    actorRole: event.actor.role,
    // Canonical text, so re-hashing the stored payload reproduces `hash`.
    payload: canonicalJson(event.payload),
    at,
    machineVersion: event.machineVersion,
    prevHash,
    hash: computeEventHash({ ...event, ticketId, customerId, sequence, at }, prevHash),
  };
}

/** Pending outbox rows for the effects a transition declared. */
export function outboxRows(ticketId: string, jobs: readonly NewOutboxJob[], now: Date): OutboxJobEntity[] {
  return jobs.map((job) => ({
    id: newRowId(),
    ticketId,
    kind: job.kind,
    idempotencyKey: job.idempotencyKey,
    payload: job.payload,
    status: OutboxJobStatus.PENDING,
    attempts: 0,
    nextAttemptAt: job.nextAttemptAt,
    leaseOwner: null,
    leaseExpiresAt: null,
    lastError: null,
    createdAt: now,
    updatedAt: now,
  }));
}
