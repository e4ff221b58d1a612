import { Column, Entity, Index, PrimaryColumn } from "typeorm";
import { isoTime, sortedJsonText } from "./column-transformers";

/** Lifecycle of an outbox job: `pending` -> `leased` (a worker owns it) -> `done` | `failed`. */
export const OutboxJobStatus = {
  PENDING: "pending",
  LEASED: "leased",
  DONE: "done",
  FAILED: "failed",
} as const;

export type OutboxJobStatus = (typeof OutboxJobStatus)[keyof typeof OutboxJobStatus];

/**
 * A side effect to perform after a committed transition (file a service request, add a note,
 * ...). Inserted in the same transaction as the transition; `idempotency_key` is unique so a
 * side effect can be enqueued at most once, and leases let several gateways share the table.
 */
@Entity({ name: "outbox_job" })
@Index("ux_outbox_job_idempotency_key", ["idempotencyKey"], { unique: true })
@Index("ix_outbox_job_status_next_attempt", ["status", "nextAttemptAt"])
export class OutboxJobEntity {
  @PrimaryColumn("varchar", { length: 36 })
  id: string;

  @Column("varchar", { name: "ticket_id", length: 36 })
  ticketId: string;

  @Column("varchar", { length: 64 })
  kind: string;

  @Column("varchar", { name: "idempotency_key", length: 255 })
  idempotencyKey: string;

  @Column("text", { transformer: sortedJsonText })
  payload: object;

  @Column("varchar", { length: 16 })
  status: OutboxJobStatus;

  @Column("integer")
  attempts: number;

  @Column("varchar", { name: "next_attempt_at", length: 30, transformer: isoTime })
  nextAttemptAt: Date;

  @Column("varchar", { name: "lease_owner", length: 128, nullable: true })
  leaseOwner: string | null;

  @Column("varchar", { name: "lease_expires_at", length: 30, nullable: true, transformer: isoTime })
  leaseExpiresAt: Date | null;

  @Column("text", { name: "last_error", nullable: true })
  lastError: string | null;

  @Column("varchar", { name: "created_at", length: 30, transformer: isoTime })
  createdAt: Date;

  @Column("varchar", { name: "updated_at", length: 30, transformer: isoTime })
  updatedAt: Date;
}
