import type { Database } from "better-sqlite3";
import type { DataSource } from "typeorm";

/**
 * The one better-sqlite3 connection behind a SQLite DataSource, for the migration lock's
 * `BEGIN IMMEDIATE` (migration-lock.ts), before any store runs. Stores go through database.ts.
 */
export function sqliteConnection(dataSource: DataSource): Database {
  if (dataSource.options.type !== "better-sqlite3") throw new Error(`Not a SQLite DataSource (${String(dataSource.options.type)})`);
  return (dataSource.driver as unknown as { databaseConnection: Database }).databaseConnection;
}
