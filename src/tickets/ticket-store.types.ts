import type { ChainedTicketEvent, HashableTicketEvent } from "./audit-hash";

/** A ticket as stored: denormalised query columns plus the persisted machine snapshot. */
export interface TicketRecord {
  readonly id: string;
  readonly customerId: string;
  readonly title: string;
  readonly description: string;
  readonly category: string;
  readonly product: string;
  readonly severity: string;
  readonly channel: string | null;
  /** Top-level machine state, e.g. "diagnosis". */
  readonly state: string;
  /** Full state path, e.g. "escalated.withMicrosoft". */
  readonly statePath: string;
  readonly assigneeId: string | null;
  /** The XState persisted snapshot (JSON-serialisable). */
  readonly snapshot: object;
  readonly machineVersion: number;
  /** Optimistic concurrency token: 1 on creation, +1 per accepted transition. */
  readonly version: number;
  readonly idempotencyKey: string | null;
  readonly requestFingerprint: string | null;
  readonly createdBy: string;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  /** The head of the ticket's audit chain (its last event's sequence and hash); null on rows written without it. */
  readonly lastEventSequence?: number | null;
  readonly lastEventHash?: string | null;
}

/** What the service supplies to create a ticket; the store sets `version` 1 and `updatedAt` = `createdAt`. */
export type NewTicket = Omit<TicketRecord, "id" | "version" | "updatedAt"> & {
  /** Generated (UUID v4) when absent. */
  readonly id?: string;
};

/**
 * An audit event to append; the store assigns id, sequence, prevHash and hash. Its payload is
 * stored as canonical JSON, so it must be JSON (see `canonicalJson` for the rules).
 */
export interface NewAuditEvent extends Omit<HashableTicketEvent, "ticketId" | "customerId" | "sequence" | "at"> {
  readonly at: Date;
}

/** A stored, hash-chained audit event. */
export interface StoredTicketEvent extends ChainedTicketEvent {
  readonly id: string;
  readonly payload: Record<string, unknown>;
  readonly at: Date;
  /** Place in the one order of all events across tickets (issue 14); null only on rows written before it. */
  readonly globalSequence: number | null;
}

/** A side effect to enqueue in the same transaction as a transition. */
export interface NewOutboxJob {
  readonly kind: string;
  /** Unique across all jobs: enqueuing the same key twice fails the whole transaction. */
  readonly idempotencyKey: string;
  readonly payload: Readonly<Record<string, unknown>>;
  readonly nextAttemptAt: Date;
}

/** The fields a transition may change on the ticket row. */
export interface TicketChanges {
  readonly snapshot: object;
  readonly state: string;
  readonly statePath: string;
  /** `undefined` leaves the assignee unchanged; `null` clears it. */
  readonly assigneeId?: string | null;
  /** `undefined` leaves the severity unchanged. */
  readonly severity?: string;
  /** `undefined` leaves these unchanged (UPDATE_DETAILS corrections). */
  readonly title?: string;
  readonly description?: string;
  readonly product?: string;
  readonly category?: string;
  /** Defaults to the event's machineVersion. */
  readonly machineVersion?: number;
  readonly updatedAt: Date;
}

/** Arguments of `TicketStore.appendTransition`. */
export interface AppendTransitionArgs {
  readonly ticketId: string;
  readonly expectedVersion: number;
  readonly changes: TicketChanges;
  readonly event: NewAuditEvent;
  readonly outbox?: readonly NewOutboxJob[];
  /** What the transition does to the ticket's stored sign-in, in the same transaction (issue 13). */
  readonly assertion?: AssertionChange;
  /**
   * The ticket as read for this write (at `expectedVersion`): its chain head links the new event
   * without reading the last one. Absent, or a row without a head: the store reads the last event.
   */
  readonly loaded?: Pick<TicketRecord, "customerId" | "lastEventSequence" | "lastEventHash">;
}

/** An agent's access token sealed for one ticket (AES-256-GCM blob, see escalation/assertion-cipher.ts). */
export interface SealedAssertion {
  readonly agentId: string;
  readonly sealed: string;
  readonly expiresAt: Date;
}

/**
 * `keep`: store the acting agent's sealed sign-in for this ticket, unless the stored one is still
 * usable and expires later. `drop`: the escalation no longer needs one (the ticket left `escalated`).
 */
export type AssertionChange = ({ readonly kind: "keep"; readonly at: Date } & SealedAssertion) | { readonly kind: "drop" };

/**
 * `created`: the ticket and its first event were stored. `duplicate`: a ticket with the same
 * idempotency key already exists (nothing was written); the service compares
 * `ticket.requestFingerprint` to decide between "same request, return it" and BAD_USER_INPUT.
 */
export type CreateTicketResult =
  | { readonly outcome: "created"; readonly ticket: TicketRecord; readonly event: StoredTicketEvent }
  | { readonly outcome: "duplicate"; readonly ticket: TicketRecord };

/** Filters for `listTickets`. `undefined` = no filter; an empty array matches nothing (safe for scoping). */
export interface TicketListFilter {
  readonly states?: readonly string[];
  readonly statePaths?: readonly string[];
  readonly customerIds?: readonly string[];
  readonly assigneeId?: string | null;
  readonly severities?: readonly string[];
  readonly categories?: readonly string[];
  readonly products?: readonly string[];
}

/** Filters for `listAuditEvents`. Same conventions as {@link TicketListFilter}. */
export interface AuditEventFilter {
  readonly ticketId?: string;
  readonly customerIds?: readonly string[];
  readonly actorId?: string;
  readonly types?: readonly string[];
  /** Inclusive lower bound on `at`. */
  readonly from?: Date;
  /** Exclusive upper bound on `at`. */
  readonly to?: Date;
}

/** Keyset page request: `first` items after the opaque `afterCursor`. */
export interface PageRequest {
  readonly first: number;
  readonly afterCursor?: string | null;
}

/** A page of items with opaque cursors (Relay connection ingredients). */
export interface Page<T> {
  readonly items: readonly { readonly cursor: string; readonly node: T }[];
  readonly totalCount: number;
  readonly hasNextPage: boolean;
  readonly endCursor: string | null;
}
