import { Column, Entity, Index, PrimaryColumn } from "typeorm";

/**
 * A ticket's next SLA deadline, for the desk list's "SLA due" order (DeskList migration). A
 * projection of the ticket's events, rewritten after each accepted transition (SlaDueProjection):
 * the first-response deadline until an agent answered, then the projected resolution deadline;
 * null while the resolution clock is paused or stopped.
 */
@Entity({ name: "ticket_sla_due" })
@Index("ix_ticket_sla_due_due_at", ["dueAt"])
export class TicketSlaDueEntity {
  @PrimaryColumn("varchar", { name: "ticket_id", length: 36 })
  ticketId: string;

  @Column("varchar", { name: "due_at", length: 30, nullable: true })
  dueAt: string | null;

  @Column("varchar", { name: "computed_at", length: 30 })
  computedAt: string;
}
