import { Column, Entity, PrimaryColumn } from "typeorm";

/**
 * The head of the global audit chain: one row (id 1) holding the last global sequence and its
 * chain hash. Every event append updates it inside its transaction, so the row lock serialises
 * appenders on PostgreSQL and a rolled-back append leaves no gap in the sequence.
 */
@Entity({ name: "audit_head" })
export class AuditHeadEntity {
  @PrimaryColumn("integer")
  id: number;

  @Column("integer")
  sequence: number;

  @Column("varchar", { length: 64, nullable: true })
  hash: string | null;
}
