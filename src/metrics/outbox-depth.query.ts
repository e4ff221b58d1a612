import type { DataSource } from "typeorm";
import { withDatabaseLock } from "../db/database-lock";
import { OutboxJobEntity, OutboxJobStatus } from "../db/outbox-job.entity";

/** Outbox jobs not yet done (pending or leased); on SQLite under the database lock. */
export function outboxDepth(dataSource: DataSource): Promise<number> {
  return withDatabaseLock(dataSource, () =>
    dataSource
      .getRepository(OutboxJobEntity)
      .createQueryBuilder("job")
      .where("job.status IN (:...statuses)", { statuses: [OutboxJobStatus.PENDING, OutboxJobStatus.LEASED] })
      .getCount(),
  );
}
