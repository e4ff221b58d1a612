import { statfs } from "node:fs/promises";
import { dirname } from "node:path";
import type { DataSource } from "typeorm";
import { isSqlite, withDatabaseLock } from "../db/database-lock";
import { sqliteConnection } from "../db/sqlite-connection";
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
      const now = new Date().toISOString();
      if (isSqlite(dataSource)) {
        await withDatabaseLock(dataSource, async () => {
          sqliteConnection(dataSource)
            .prepare("INSERT INTO readiness_probe (id, probed_at) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET probed_at = excluded.probed_at")
            .run(now);
        });
        if (sqliteFile === null) return { writable: true };
        const fs = await statfs(dirname(sqliteFile));
        const freeBytes = fs.bavail * fs.bsize;
        if (freeBytes < SQLITE_LOW_DISK_BYTES) throw new Error(`only ${freeBytes} bytes free next to the database file`);
        return { writable: true, freeBytes };
      }
      const [{ standby }] = (await dataSource.query("SELECT pg_is_in_recovery() AS standby")) as [{ standby: boolean }];
      if (standby) throw new Error("the PostgreSQL server is a read-only standby");
      await dataSource.query(
        "INSERT INTO readiness_probe (id, probed_at) VALUES (1, $1) ON CONFLICT (id) DO UPDATE SET probed_at = excluded.probed_at",
        [now],
      );
      return { writable: true };
    },
  };
}

/** `/ready`'s Redis check: optional (only live events need it), PING plus the subscription state. */
export function redisCheck(bus: { ping(): Promise<void> }): ReadinessCheck {
  return { name: "redis", required: false, check: () => bus.ping() };
}
