import { Column, Entity, Index, PrimaryColumn } from "typeorm";

/**
 * A signed checkpoint of the global audit chain's head (see src/tickets/audit-checkpoint.ts):
 * it covers global sequences `from_sequence + 1 .. sequence`, lists each ticket's last event in
 * that range, and carries an Ed25519 signature made with a key the database never holds.
 */
@Entity({ name: "audit_checkpoint" })
@Index("ux_audit_checkpoint_from_sequence", ["fromSequence"], { unique: true })
export class AuditCheckpointEntity {
  @PrimaryColumn("integer")
  sequence: number;

  @Column("integer", { name: "from_sequence" })
  fromSequence: number;

  @Column("varchar", { name: "head_hash", length: 64 })
  headHash: string;

  @Column("varchar", { length: 30 })
  at: string;

  @Column("varchar", { name: "key_id", length: 64 })
  keyId: string;

  /** Canonical JSON: `[[ticketId, ticketSequence, eventHash], ...]` sorted by ticket id. */
  @Column("text")
  tickets: string;

  /** Base64 Ed25519 signature over the canonical checkpoint (see `checkpointSigningInput`). */
  @Column("text")
  signature: string;
}
