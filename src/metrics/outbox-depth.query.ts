import { In, type DataSource } from "typeorm";
import { AlertDeliveryEntity, AlertDeliveryStatus } from "../alerts/alert-delivery.entity";
import { Database } from "../db/database";
import { OutboxJobEntity, OutboxJobStatus } from "../db/outbox-job.entity";

/** Outbox jobs not yet done (pending or leased). */
export function outboxDepth(dataSource: DataSource): Promise<number> {
  return Database.of(dataSource).read((manager) => manager.countBy(OutboxJobEntity, { status: In([OutboxJobStatus.PENDING, OutboxJobStatus.LEASED]) }));
}

/** Alert deliveries not yet done: pending, whether waiting for a retry or leased by a worker (issue 18). */
export function alertDeliveryDepth(dataSource: DataSource): Promise<number> {
  return Database.of(dataSource).read((manager) => manager.countBy(AlertDeliveryEntity, { status: AlertDeliveryStatus.PENDING }));
}
