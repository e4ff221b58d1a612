import { Column, Entity, Index, PrimaryColumn } from "typeorm";
import { isoTime, jsonText } from "../db/column-transformers";

/** One raised alert (issue 18): the primary key is its deterministic id, so an occurrence is stored once. */
@Entity({ name: "alert" })
@Index("ix_alert_raised_at", ["raisedAt"])
@Index("ix_alert_customer_id", ["customerId"])
export class AlertEntity {
  @PrimaryColumn("varchar", { length: 48, primaryKeyConstraintName: "pk_alert" })
  id: string;

  @Column("varchar", { length: 48 })
  kind: string;

  @Column("varchar", { length: 16 })
  severity: string;

  @Column("varchar", { name: "customer_id", length: 64 })
  customerId: string;

  @Column("varchar", { name: "ticket_id", length: 36, nullable: true })
  ticketId: string | null;

  @Column("varchar", { name: "occurred_at", length: 30, transformer: isoTime })
  occurredAt: Date;

  @Column("varchar", { name: "raised_at", length: 30, transformer: isoTime })
  raisedAt: Date;

  /** The alert.v1 payload, exactly as delivered. */
  @Column("text", { transformer: jsonText })
  payload: object;

  @Column("varchar", { name: "acknowledged_by", length: 128, nullable: true })
  acknowledgedBy: string | null;

  @Column("varchar", { name: "acknowledged_at", length: 30, nullable: true, transformer: isoTime })
  acknowledgedAt: Date | null;
}
