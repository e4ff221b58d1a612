import { statfs } from "node:fs/promises";
import { dirname } from "node:path";
import type { DataSource } from "typeorm";
import { Database } from "../db/database";
import { ReadinessProbeEntity } from "../db/readiness-probe.entity";
import type { ReadinessCheck } from "./readiness";

/** Below this many free bytes on the SQLite file's file system the database is reported not writable. */
export const SQLITE_LOW_DISK_BYTES = 256 * 1024;

/**
 * `/ready`'s database check: a real committed write (one row of `readiness_probe`), so a full disk,
 * a read-only file or a read-only PostgreSQL standby fails it while `SELECT 1` would pass; on
 * SQLite also the free space of the file system, reported as `freeBytes`.
 */
export function databaseWritableCheck(dataSource: DataSource, sqliteFile: string | null): ReadinessCheck {
  return {
    name: "database",
    check: async () => {
      try {
        await Database.of(dataSource).transaction((manager) =>
          manager.createQueryBuilder().insert().into(ReadinessProbeEntity).values({ id: 1, probedAt: new Date() }).orUpdate(["probed_at"], ["id"]).updateEntity(false).execute(),
        );
      } catch (error) {
        // read_only_sql_transaction: a hot standby takes no writes.
        if ((error as { driverError?: { code?: string } }).driverError?.code === "25006") throw new Error("the PostgreSQL server is a read-only standby");
        throw error;
      }
      if (sqliteFile === null) return { writable: true };
      const fs = await statfs(dirname(sqliteFile));
      const freeBytes = fs.bavail * fs.bsize;
      if (freeBytes < SQLITE_LOW_DISK_BYTES) throw new Error(`only ${freeBytes} bytes free next to the database file`);
      return { writable: true, freeBytes };
    },
  };
}

/** `/ready`'s Redis check: optional (only live events need it), PING plus the subscription state. */
export function redisCheck(bus: { ping(): Promise<void> }): ReadinessCheck {
  return { name: "redis", required: false, check: () => bus.ping() };
}
