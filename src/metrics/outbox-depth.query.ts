import { In, type DataSource } from "typeorm";
import { Database } from "../db/database";
import { OutboxJobEntity, OutboxJobStatus } from "../db/outbox-job.entity";

/** Outbox jobs not yet done (pending or leased). */
export function outboxDepth(dataSource: DataSource): Promise<number> {
  return Database.of(dataSource).read((manager) => manager.countBy(OutboxJobEntity, { status: In([OutboxJobStatus.PENDING, OutboxJobStatus.LEASED]) }));
}
