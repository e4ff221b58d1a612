import type { Database } from "better-sqlite3";
import { MigrationExecutor, type DataSource, type QueryRunner } from "typeorm";
import { sqliteConnection } from "./sqlite-connection";

/**
 * First half of the PostgreSQL advisory lock key that serialises migration runs ("psgm"); the
 * second half is the hash of the schema, so isolated test schemas do not wait for each other.
 */
export const MIGRATION_LOCK_CLASS = 0x7073_676d;

/** How long an instance waits for another one's migration run before giving up. */
export const MIGRATION_LOCK_WAIT_MS = 120_000;

/** How migrations run inside the lock. */
export type MigrationTransactionMode = "each" | "none";

/**
 * Runs `work` (a TypeORM MigrationExecutor step) while holding the database's migration lock, so
 * several instances starting together on an empty database migrate it exactly once: TypeORM's
 * runner takes no lock of its own (it reads the migrations table, then creates what is missing,
 * so two runners both create `migrations` and the same tables and one fails).
 *
 * - PostgreSQL: `pg_advisory_lock` on one dedicated connection; the migrations run on that same
 *   connection, one transaction each. A crashed holder's lock ends with its connection.
 * - SQLite: TypeORM's runner is not serialised across processes (its `BEGIN` is deferred, after
 *   the unlocked read of the migrations table), so the whole run is one `BEGIN IMMEDIATE`
 *   transaction on the DataSource's single connection: the file's write lock is taken before the
 *   migrations table is read, and other processes wait for it (polled, so the event loop of a
 *   process opening the same file twice is never blocked). All pending migrations commit together.
 */
export async function withMigrationLock<T>(dataSource: DataSource, work: (queryRunner: QueryRunner, mode: MigrationTransactionMode) => Promise<T>): Promise<T> {
  if (dataSource.options.type === "postgres") return withPostgresAdvisoryLock(dataSource, (queryRunner) => work(queryRunner, "each"));
  if (dataSource.options.type === "better-sqlite3") return withSqliteImmediateTransaction(dataSource, (queryRunner) => work(queryRunner, "none"));
  throw new Error(`No migration lock for database type ${String(dataSource.options.type)}`);
}

/** Runs `step` (apply pending, undo the last) with a MigrationExecutor on the lock's connection, in its transaction mode. */
export function withMigrationExecutor<T>(dataSource: DataSource, step: (executor: MigrationExecutor) => Promise<T>): Promise<T> {
  return withMigrationLock(dataSource, (queryRunner, mode) => {
    const executor = new MigrationExecutor(dataSource, queryRunner);
    executor.transaction = mode;
    return step(executor);
  });
}

async function withPostgresAdvisoryLock<T>(dataSource: DataSource, work: (queryRunner: QueryRunner) => Promise<T>): Promise<T> {
  const queryRunner = dataSource.createQueryRunner();
  await queryRunner.connect();
  try {
    // lock_timeout bounds the wait (it applies to advisory locks too); reset before the migrations run.
    await queryRunner.query(`SET lock_timeout = ${MIGRATION_LOCK_WAIT_MS}`);
    await queryRunner.query(`SELECT pg_advisory_lock($1, hashtext(current_schema()))`, [MIGRATION_LOCK_CLASS]);
    await queryRunner.query(`RESET lock_timeout`);
    try {
      return await work(queryRunner);
    } finally {
      await queryRunner.query(`SELECT pg_advisory_unlock($1, hashtext(current_schema()))`, [MIGRATION_LOCK_CLASS]);
    }
  } finally {
    await queryRunner.release();
  }
}

async function withSqliteImmediateTransaction<T>(dataSource: DataSource, work: (queryRunner: QueryRunner) => Promise<T>): Promise<T> {
  const db = sqliteConnection(dataSource);
  const queryRunner = dataSource.createQueryRunner();
  // What TypeORM's runner does around a migration transaction (no effect once a transaction is open).
  await queryRunner.beforeMigration();
  try {
    await beginImmediate(db, MIGRATION_LOCK_WAIT_MS);
    try {
      const result = await work(queryRunner);
      db.exec("COMMIT");
      return result;
    } catch (error) {
      if (db.inTransaction) db.exec("ROLLBACK");
      throw error;
    }
  } finally {
    await queryRunner.afterMigration();
  }
}

/** `BEGIN IMMEDIATE`, retried without blocking the event loop while another connection writes. */
export async function beginImmediate(db: Database, waitMs: number): Promise<void> {
  const busyTimeout = db.pragma("busy_timeout", { simple: true }) as number;
  const deadline = Date.now() + waitMs;
  db.pragma("busy_timeout = 0");
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        db.exec("BEGIN IMMEDIATE");
        return;
      } catch (error) {
        if ((error as { code?: string }).code !== "SQLITE_BUSY" || Date.now() >= deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, Math.min(10 * 2 ** Math.min(attempt, 4), 200)));
      }
    }
  } finally {
    db.pragma(`busy_timeout = ${busyTimeout}`);
  }
}
