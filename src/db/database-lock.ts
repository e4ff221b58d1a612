import type { DataSource, EntityManager } from "typeorm";
import { AsyncMutex } from "./async-mutex";

const mutexes = new WeakMap<DataSource, AsyncMutex>();

/** True when the DataSource talks to SQLite (one synchronous better-sqlite3 connection). */
export const isSqlite = (dataSource: DataSource): boolean => dataSource.options.type === "better-sqlite3";

/** True when the DataSource talks to PostgreSQL. */
export const isPostgres = (dataSource: DataSource): boolean => dataSource.options.type === "postgres";

/**
 * Runs `fn` with exclusive use of the database on SQLite; on PostgreSQL it runs `fn` directly.
 *
 * Why: TypeORM's better-sqlite3 driver hands every caller the same single QueryRunner, so two
 * concurrent `dataSource.transaction()` calls would nest (savepoints) or interleave on one
 * connection, and a plain read could observe another caller's uncommitted writes. Every
 * module that touches the SQLite database (ticket store, outbox worker) must go through this.
 */
export function withDatabaseLock<T>(dataSource: DataSource, fn: () => Promise<T>): Promise<T> {
  if (!isSqlite(dataSource)) return fn();
  return mutexOf(dataSource).runExclusive(fn);
}

/**
 * Like {@link withDatabaseLock}, but never re-entrant: `fn` waits for every holder, including one
 * whose async context the caller inherited (work scheduled with setImmediate from a locked section).
 */
export function withDatabaseLockAsNewCaller<T>(dataSource: DataSource, fn: () => Promise<T>): Promise<T> {
  if (!isSqlite(dataSource)) return fn();
  return mutexOf(dataSource).runExclusiveAsNewCaller(fn);
}

function mutexOf(dataSource: DataSource): AsyncMutex {
  let mutex = mutexes.get(dataSource);
  if (mutex === undefined) {
    mutex = new AsyncMutex();
    mutexes.set(dataSource, mutex);
  }
  return mutex;
}

/**
 * One database transaction, serialized with every other database use on SQLite
 * (see {@link withDatabaseLock}). Any throw inside `fn` rolls the whole transaction back.
 */
export function runInTransaction<T>(
  dataSource: DataSource,
  fn: (manager: EntityManager) => Promise<T>,
): Promise<T> {
  return withDatabaseLock(dataSource, () => dataSource.transaction(fn));
}
