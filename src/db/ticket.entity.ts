import { Column, Entity, Index, PrimaryColumn } from "typeorm";
import { isoTime, jsonText } from "./column-transformers";

/**
 * A support ticket row: denormalised state/severity/assignee for queries plus the persisted
 * XState snapshot. Written only by `TicketStore`. Times are ISO-8601 `varchar(30)` and JSON is
 * `text` (see column-transformers.ts), so one migration serves SQLite and PostgreSQL.
 */
@Entity({ name: "ticket" })
@Index("ix_ticket_customer_id", ["customerId"])
@Index("ix_ticket_state", ["state"])
@Index("ix_ticket_assignee_id", ["assigneeId"])
@Index("ix_ticket_updated_at", ["updatedAt"])
@Index("ux_ticket_idempotency_key", ["idempotencyKey"], { unique: true })
export class TicketEntity {
  @PrimaryColumn("varchar", { length: 36 })
  id: string;

  @Column("varchar", { name: "customer_id", length: 64 })
  customerId: string;

  @Column("text")
  title: string;

  @Column("text")
  description: string;

  @Column("varchar", { length: 32 })
  category: string;

  @Column("varchar", { length: 32 })
  product: string;

  @Column("varchar", { length: 16 })
  severity: string;

  @Column("text", { nullable: true })
  channel: string | null;

  @Column("varchar", { length: 32 })
  state: string;

  @Column("varchar", { name: "state_path", length: 128 })
  statePath: string;

  @Column("varchar", { name: "assignee_id", length: 128, nullable: true })
  assigneeId: string | null;

  /** The XState persisted snapshot. */
  @Column("text", { transformer: jsonText })
  snapshot: object;

  @Column("integer", { name: "machine_version" })
  machineVersion: number;

  @Column("integer")
  version: number;

  @Column("varchar", { name: "idempotency_key", length: 255, nullable: true })
  idempotencyKey: string | null;

  @Column("varchar", { name: "request_fingerprint", length: 128, nullable: true })
  requestFingerprint: string | null;

  @Column("varchar", { name: "created_by", length: 128 })
  createdBy: string;

  @Column("varchar", { name: "created_at", length: 30, transformer: isoTime })
  createdAt: Date;

  @Column("varchar", { name: "updated_at", length: 30, transformer: isoTime })
  updatedAt: Date;

  /**
   * The head of the ticket's audit chain: its last event's sequence and hash (null on rows written
   * without it, e.g. bulk seeds). Moves with every appended event, in the same UPDATE that bumps
   * `version`, so a row read at version v carries the head that version's event left.
   */
  @Column("integer", { name: "last_event_sequence", nullable: true })
  lastEventSequence?: number | null;

  @Column("varchar", { name: "last_event_hash", length: 64, nullable: true })
  lastEventHash?: string | null;

  /**
   * The SLA policy version the ticket was opened under (issue 6), pinned once by the SLA module
   * (src/sla/sla-policy-version.store.ts); null for tickets from before it, until the sweeper pins them.
   * Not selected by default: the ticket store neither reads nor writes it.
   */
  @Column("integer", { name: "sla_policy_version", nullable: true, select: false })
  slaPolicyVersion?: number | null;
}
