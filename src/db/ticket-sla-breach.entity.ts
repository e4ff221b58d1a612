import { Column, Entity, Index, PrimaryColumn } from "typeorm";
import { isoTime } from "./column-transformers";

/** A missed SLA target, recorded once per (ticket, kind) by the breach sweeper (issue 6). */
@Entity({ name: "ticket_sla_breach" })
@Index("ix_ticket_sla_breach_detected_at", ["detectedAt"])
export class TicketSlaBreachEntity {
  @PrimaryColumn("varchar", { name: "ticket_id", length: 36, primaryKeyConstraintName: "pk_ticket_sla_breach" })
  ticketId: string;

  /** `FIRST_RESPONSE` or `RESOLUTION` (a CHECK constraint in the migration). */
  @PrimaryColumn("varchar", { length: 16, primaryKeyConstraintName: "pk_ticket_sla_breach" })
  kind: "FIRST_RESPONSE" | "RESOLUTION";

  @Column("varchar", { name: "due_at", length: 30, transformer: isoTime })
  dueAt: Date;

  @Column("varchar", { name: "detected_at", length: 30, transformer: isoTime })
  detectedAt: Date;

  @Column("integer", { name: "policy_version" })
  policyVersion: number;
}
