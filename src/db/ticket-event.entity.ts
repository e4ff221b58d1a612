import { Column, Entity, Index, PrimaryColumn } from "typeorm";

/**
 * One accepted ticket transition: append-only and hash-chained per ticket
 * (`hash` = SHA-256 over the canonical event + `prev_hash`, see src/tickets/audit-hash.ts), and
 * chained across tickets by a gap-free global sequence (`global_hash`, see
 * src/tickets/audit-global-chain.ts) whose head is signed in `audit_checkpoint`.
 * No code path updates or deletes these rows; a database trigger refuses it.
 */
@Entity({ name: "ticket_event" })
@Index("ux_ticket_event_ticket_sequence", ["ticketId", "sequence"], { unique: true })
@Index("ix_ticket_event_at", ["at"])
@Index("ix_ticket_event_actor_id", ["actorId"])
@Index("ix_ticket_event_customer_at", ["customerId", "at"])
@Index("ux_ticket_event_global_sequence", ["globalSequence"], { unique: true })
export class TicketEventEntity {
  @PrimaryColumn("varchar", { length: 36 })
  id: string;

  @Column("varchar", { name: "ticket_id", length: 36 })
  ticketId: string;

  /** Denormalised from the ticket so audit queries can filter by customer without a join. */
  @Column("varchar", { name: "customer_id", length: 64 })
  customerId: string;

  @Column("integer")
  sequence: number;

  @Column("varchar", { length: 64 })
  type: string;

  @Column("varchar", { name: "from_state", length: 128 })
  fromState: string;

  @Column("varchar", { name: "to_state", length: 128 })
  toState: string;

  @Column("varchar", { name: "actor_id", length: 128 })
  actorId: string;

  @Column("text", { name: "actor_name" })
  actorName: string;

  @Column("varchar", { name: "actor_role", length: 32 })
  actorRole: string;

  /** Canonical JSON (sorted keys), so re-hashing the stored text reproduces `hash`. */
  @Column("text")
  payload: string;

  @Column("varchar", { length: 30 })
  at: string;

  @Column("integer", { name: "machine_version" })
  machineVersion: number;

  @Column("varchar", { name: "prev_hash", length: 64, nullable: true })
  prevHash: string | null;

  @Column("varchar", { length: 64 })
  hash: string;

  /**
   * Position in the one sequence of all events (1, 2, 3 ... without gaps), assigned in the
   * appending transaction. NOT NULL on PostgreSQL; SQLite cannot add a NOT NULL column without a
   * default, so there the verifier reports a null as an event inserted outside the chain.
   */
  @Column("integer", { name: "global_sequence", nullable: true })
  globalSequence: number | null;

  /** SHA-256 over `global_sequence`, `hash` and the previous event's `global_hash`. */
  @Column("varchar", { name: "global_hash", length: 64, nullable: true })
  globalHash: string | null;
}
