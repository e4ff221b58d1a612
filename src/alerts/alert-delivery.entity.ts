import { Column, Entity, PrimaryColumn } from "typeorm";
import { isoTime } from "../db/column-transformers";

/** Delivery states of one (alert, destination): `pending` -> `delivered` | `failed`. */
export const AlertDeliveryStatus = { PENDING: "pending", DELIVERED: "delivered", FAILED: "failed" } as const;
export type AlertDeliveryStatus = (typeof AlertDeliveryStatus)[keyof typeof AlertDeliveryStatus];

/**
 * The delivery log of an alert to one destination. The primary key (alert, destination) plus the
 * outbox job's unique idempotency key mean one alert is enqueued once per destination.
 */
@Entity({ name: "alert_delivery" })
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

  @Column("varchar", { name: "created_at", length: 30, transformer: isoTime })
  createdAt: Date;
}
