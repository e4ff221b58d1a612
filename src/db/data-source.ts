import { DataSource } from "typeorm";
import type { DataSourceOptions, Migration } from "typeorm";
import { parseDatabaseUrl } from "./database-url";
import { withMigrationExecutor } from "./migration-lock";
import { migrations } from "./migrations/migration-list";
import { restrictSqliteFiles } from "./owner-only-files";
import { bindNumbers } from "./bind-numbers";
import { Database } from "./database";
import { entities } from "./entities";

export { entities };

/** A DataSource whose destroy() also closes what its {@link Database} opened (SQLite's reader). */
class GatewayDataSource extends DataSource {
  constructor(options: DataSourceOptions) {
    super(options);
    if (options.type === "better-sqlite3") bindNumbers(this);
  }

  override async destroy(): Promise<void> {
    await Database.closeOf(this);
    await super.destroy();
  }
}

/** How long a SQLite statement waits for a lock held by another process before SQLITE_BUSY. */
const SQLITE_BUSY_TIMEOUT_MS = 5_000;

/** Options for {@link createDataSource} and {@link openDatabase}. */
export interface DatabaseOptions {
  /** Log SQL (development only). */
  readonly logging?: boolean;
  /** PostgreSQL only: the schema to use (tests isolate themselves in a fresh schema). It must exist. */
  readonly schema?: string;
  /**
   * Ignored by {@link createDataSource} since issue 14 (TypeORM's own run on `initialize()` takes no
   * lock); {@link openDatabase} always migrates, under the migration lock. Never `synchronize`.
   */
  readonly migrationsRun?: boolean;
}

/**
 * Builds (does not connect) the TypeORM DataSource for `databaseUrl`:
 * `sqlite:PATH` (relative to cwd; the folder is created), `sqlite::memory:`, or
 * `postgres://...` / `postgresql://...`.
 */
export function createDataSource(databaseUrl: string, options: DatabaseOptions = {}): DataSource {
  const target = parseDatabaseUrl(databaseUrl);
  const common = {
    entities,
    migrations,
    // Never TypeORM's unlocked run on initialize(): openDatabase runs them under the migration lock.
    migrationsRun: false,
    synchronize: false,
    logging: options.logging ?? false,
  } as const;

  if (target.kind === "sqlite") {
    const inMemory = target.database === ":memory:";
    const sqlite: DataSourceOptions = {
      ...common,
      type: "better-sqlite3",
      database: target.database,
      timeout: SQLITE_BUSY_TIMEOUT_MS,
      prepareDatabase: (db: { pragma: (sql: string) => unknown }) => {
        // Owner-only before the first write; the WAL and SHM files take the file's mode (issue 13).
        if (!inMemory) restrictSqliteFiles(target.database);
        if (!inMemory) switchToWal(db);
        // WAL defaults to synchronous=NORMAL, where a commit acknowledged to the caller can be
        // lost on power failure. An audit trail must not lose acknowledged events: fsync every commit.
        db.pragma("synchronous = FULL");
        db.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
      },
    };
    return new GatewayDataSource(sqlite);
  }

  const postgres: DataSourceOptions = {
    ...common,
    type: "postgres",
    url: target.url,
    ...(options.schema === undefined
      ? {}
      : {
          schema: options.schema,
          // Unqualified names in raw SQL (triggers, functions) resolve to the same schema.
          extra: { options: `-c search_path=${assertPlainIdentifier(options.schema)}` },
        }),
  };
  return new GatewayDataSource(postgres);
}

/**
 * Connects and applies pending migrations under the migration lock (any number of instances may
 * start together on an empty database); the returned DataSource is ready for use.
 */
export async function openDatabase(databaseUrl: string, options: DatabaseOptions = {}): Promise<DataSource> {
  const dataSource = createDataSource(databaseUrl, options);
  await dataSource.initialize();
  try {
    await runMigrations(dataSource);
  } catch (error) {
    await dataSource.destroy().catch(() => undefined);
    throw error;
  }
  return dataSource;
}

/**
 * Applies pending migrations under the migration lock (PostgreSQL: advisory lock, each migration
 * in its own transaction; SQLite: one BEGIN IMMEDIATE transaction); returns the ones applied.
 */
export function runMigrations(dataSource: DataSource): Promise<Migration[]> {
  return withMigrationExecutor(dataSource, (executor) => executor.executePendingMigrations());
}

/** Reverts the most recently applied migration, under the migration lock (tests and manual rollbacks). */
export function revertLastMigration(dataSource: DataSource): Promise<void> {
  return withMigrationExecutor(dataSource, (executor) => executor.undoLastMigration());
}

// Interpolated into a connection option, so only plain identifiers are accepted.
function assertPlainIdentifier(name: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`Invalid PostgreSQL schema name: ${name}`);
  return name;
}

/**
 * `journal_mode = WAL` on a file other processes are opening at the same moment can answer
 * SQLITE_BUSY at once, without the busy handler (SQLite's deadlock rule when a shared lock must be
 * raised): retried for up to SQLITE_BUSY_TIMEOUT_MS, blocking briefly, as only a start does this.
 */
function switchToWal(db: { pragma: (sql: string) => unknown }): void {
  const deadline = Date.now() + SQLITE_BUSY_TIMEOUT_MS;
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (let attempt = 0; ; attempt++) {
    try {
      db.pragma("journal_mode = WAL");
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== "SQLITE_BUSY" || Date.now() >= deadline) throw error;
      Atomics.wait(pause, 0, 0, Math.min(5 * 2 ** Math.min(attempt, 4), 80));
    }
  }
}
