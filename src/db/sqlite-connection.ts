import type { Database } from "better-sqlite3";
import type { DataSource } from "typeorm";
import { isSqlite } from "./database-lock";

/**
 * The one better-sqlite3 connection behind a SQLite DataSource, for hand-written hot-path SQL.
 * Use it only under the database lock (see database-lock.ts), as TypeORM shares it.
 */
export function sqliteConnection(dataSource: DataSource): Database {
  if (!isSqlite(dataSource)) throw new Error(`Not a SQLite DataSource (${String(dataSource.options.type)})`);
  return (dataSource.driver as unknown as { databaseConnection: Database }).databaseConnection;
}
