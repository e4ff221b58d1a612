import { Column, Entity, Index, PrimaryColumn } from "typeorm";
import { isoTime } from "../db/column-transformers";

/** Delivery states of one (alert, destination): `pending` -> `delivered` | `failed`. */
export const AlertDeliveryStatus = { PENDING: "pending", DELIVERED: "delivered", FAILED: "failed" } as const;
export type AlertDeliveryStatus = (typeof AlertDeliveryStatus)[keyof typeof AlertDeliveryStatus];

/**
 * One alert's delivery to one destination: the outbox entry of the alert delivery worker and its
 * log. The primary key (alert, destination) enqueues an alert once per destination; the lease
 * (`lease_owner`, `lease_expires_at`) lets one worker at a time send it, across gateways.
 * (Not `outbox_job`: its ticket_id references a ticket, and GDAP and incident alerts have none.)
 */
@Entity({ name: "alert_delivery" })
@Index("ix_alert_delivery_due", ["status", "nextAttemptAt"])
export class AlertDeliveryEntity {
  @PrimaryColumn("varchar", { name: "alert_id", length: 48, primaryKeyConstraintName: "pk_alert_delivery" })
  alertId: string;

  @PrimaryColumn("varchar", { length: 128, primaryKeyConstraintName: "pk_alert_delivery" })
  destination: string;

  @Column("varchar", { length: 16 })
  channel: string;

  @Column("varchar", { length: 16 })
  status: AlertDeliveryStatus;

  @Column("integer")
  attempts: number;

  @Column("text", { name: "last_error", nullable: true })
  lastError: string | null;

  @Column("varchar", { name: "last_attempt_at", length: 30, nullable: true, transformer: isoTime })
  lastAttemptAt: Date | null;

  @Column("varchar", { name: "delivered_at", length: 30, nullable: true, transformer: isoTime })
  deliveredAt: Date | null;

  @Column("varchar", { name: "next_attempt_at", length: 30, transformer: isoTime })
  nextAttemptAt: Date;

  @Column("varchar", { name: "lease_owner", length: 128, nullable: true })
  leaseOwner: string | null;

  @Column("varchar", { name: "lease_expires_at", length: 30, nullable: true, transformer: isoTime })
  leaseExpiresAt: Date | null;

  @Column("varchar", { name: "created_at", length: 30, transformer: isoTime })
  createdAt: Date;
}
