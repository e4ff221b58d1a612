import { AsyncLocalStorage } from "node:async_hooks";
import { DataSource, type EntityManager, type QueryRunner } from "typeorm";
import { AsyncMutex } from "./async-mutex";
import { bindNumbers } from "./bind-numbers";
import { entities } from "./entities";

/** The two databases the gateway runs on. */
export type Dialect = "sqlite" | "postgres";

/** Work inside one transaction (or one read). It may run again after a deadlock, so it has no effects outside the database. */
export type DatabaseWork<T> = (manager: EntityManager) => Promise<T>;

/** How a transaction is run. */
export interface TransactionOptions {
  /**
   * The work appends to the audit chain (ticket writes). On PostgreSQL these are the
   * group-committed transactions that take the audit head; every other write runs in a
   * transaction of its own, so an outbox lease or a job outcome never queues behind the ticket
   * writes of every gateway sharing the database. SQLite has one writer: every write is batched.
   */
  readonly audited?: boolean;
}

/** How a read is run. */
export interface ReadOptions {
  /** The work runs a single SELECT (its own snapshot), so SQLite's reader skips BEGIN and COMMIT. */
  readonly oneStatement?: boolean;
}

/** What the group commit has done so far (tests, benchmarks, metrics). */
export interface GroupCommitStats {
  /** Transactions committed (each holds one or more units of work). */
  readonly batches: number;
  /** Units of work in committed batches (including units that failed alone inside them). */
  readonly units: number;
  /** Batches whose BEGIN or COMMIT failed (every unit in them was rejected). */
  readonly failedBatches: number;
  /** Units run again because PostgreSQL chose them as a deadlock's victim. */
  readonly deadlockRetries: number;
}

interface QueuedUnit {
  work: DatabaseWork<unknown>;
  resolve(value: unknown): void;
  reject(error: unknown): void;
  /** Times this unit was re-queued after a deadlock. */
  retries: number;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/** PostgreSQL keeps 64 subtransactions per transaction in shared memory; stay below that. */
const MAX_BATCH: Record<Dialect, number> = { sqlite: 256, postgres: 48 };
const MAX_DEADLOCK_RETRIES = 3;
const SQLITE_READER_BUSY_TIMEOUT_MS = 5_000;

const databases = new WeakMap<DataSource, Database>();

/**
 * The one way the gateway talks to its database, like Vendure's TransactionalConnection: stores
 * ask for `transaction(work)` or `read(work)` and get an EntityManager; locks, connections and
 * commit batching stay in here.
 *
 * Writes are group-committed on both databases. Units of work that arrive while a transaction
 * is being committed run together in the next one, one after another on one connection, each in
 * its own savepoint (a unit that throws rolls back alone and its caller gets the error), under
 * one COMMIT. A unit's promise settles only after that COMMIT, so an acknowledged write is as
 * durable as with one transaction per write. Why: every commit waits for the disk (SQLite
 * `synchronous=FULL`, PostgreSQL's WAL flush) and on both databases the audit anchor (one head
 * row, see src/tickets/audit-global-chain.ts) serialises appenders until COMMIT, so one commit
 * per write caps throughput at one fsync per transition.
 *
 * SQLite has one writer connection (TypeORM's better-sqlite3 driver hands everyone the same one),
 * so only the batch ever uses it; reads of a file database use a second, read-only connection
 * (WAL lets it read the last commit while the writer works) and never wait for writes. An
 * in-memory database has no second connection: its reads wait for the writer.
 *
 * On PostgreSQL only audited transactions (see {@link TransactionOptions}) are batched: they
 * serialise on the audit head anyway. A write that appends nothing runs alone on a pooled
 * connection and never waits for the head.
 *
 * `transaction` and `read` called inside a unit join it (same manager, no new savepoint).
 */
export class Database {
  readonly dialect: Dialect;
  private readonly current = new AsyncLocalStorage<EntityManager>();
  private readonly queue: QueuedUnit[] = [];
  private flushing = false;
  private readonly counters = { batches: 0, units: 0, failedBatches: 0, deadlockRetries: 0 };
  /** SQLite: the writer connection's owner (the batch, or an in-memory read). */
  private readonly writer = new AsyncMutex();
  /** SQLite: a file database's read-only connection, opened on first read. */
  private reader: Promise<DataSource> | null = null;
  private readonly readers = new AsyncMutex();
  private closed = false;

  private constructor(readonly dataSource: DataSource) {
    this.dialect = dialectOf(dataSource);
  }

  /** The Database of `dataSource` (one per DataSource). */
  static of(dataSource: DataSource): Database {
    let database = databases.get(dataSource);
    if (database === undefined) {
      database = new Database(dataSource);
      databases.set(dataSource, database);
    }
    return database;
  }

  /** Closes what this module opened (the SQLite reader); the DataSource's destroy() calls it. */
  static async closeOf(dataSource: DataSource): Promise<void> {
    await databases.get(dataSource)?.close();
    databases.delete(dataSource);
  }

  get stats(): GroupCommitStats {
    return { ...this.counters };
  }

  /**
   * Runs `work` in a transaction and resolves with its result once committed. Any throw inside
   * `work` rolls back everything it wrote and rejects with that error.
   */
  transaction<T>(work: DatabaseWork<T>, options: TransactionOptions = {}): Promise<T> {
    const joined = this.current.getStore();
    if (joined !== undefined) return work(joined);
    if (this.dialect === "postgres" && options.audited !== true) return this.runAlone(work);
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (value: unknown) => void, reject, retries: 0 });
      this.schedule();
    });
  }

  /** PostgreSQL: one transaction of its own on a pooled connection, without the audit head. */
  private async runAlone<T>(work: DatabaseWork<T>): Promise<T> {
    if (this.closed) throw new Error("The database is closed");
    for (let retries = 0; ; retries++) {
      const unit: QueuedUnit = { work, resolve: () => undefined, reject: () => undefined, retries };
      const outcomes: Outcome[] = [];
      try {
        await this.runBatch([unit], outcomes);
      } catch (error) {
        this.counters.failedBatches += 1;
        throw error;
      }
      this.counters.batches += 1;
      this.counters.units += 1;
      const outcome = outcomes[0]!;
      if (outcome.ok) return outcome.value as T;
      if (!isDeadlock(outcome.error) || retries >= MAX_DEADLOCK_RETRIES) throw outcome.error;
      this.counters.deadlockRetries += 1;
    }
  }

  /** Runs read-only `work` on the last committed state (one snapshot on SQLite). */
  async read<T>(work: DatabaseWork<T>, options: ReadOptions = {}): Promise<T> {
    const joined = this.current.getStore();
    if (joined !== undefined) return work(joined);
    if (this.dialect === "postgres") return work(this.dataSource.manager);
    if (!this.hasReader()) return this.writer.runExclusive(() => work(this.dataSource.manager));
    const reader = await this.openReader();
    return this.readers.runExclusive(async () => {
      const runner = reader.manager.queryRunner ?? reader.createQueryRunner();
      // One statement reads one snapshot by itself: no BEGIN and COMMIT around it.
      if (options.oneStatement === true) return work(runner.manager);
      await runner.startTransaction();
      try {
        return await work(runner.manager);
      } finally {
        await runner.commitTransaction();
      }
    });
  }

  private schedule(): void {
    if (this.flushing) return;
    this.flushing = true;
    // setImmediate: the writers that are ready in this turn of the event loop join the first batch.
    setImmediate(() => void this.flush());
  }

  private async flush(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, MAX_BATCH[this.dialect]);
        // PostgreSQL: the next batch starts as soon as this one sends its COMMIT. Its BEGIN takes
        // the head lock, so it waits in the database and goes on the moment this COMMIT ends,
        // instead of a round trip later. SQLite: the next batch starts when this one has ended.
        await new Promise<void>((handOver) => void this.commit(batch, handOver).finally(handOver));
      }
    } finally {
      this.flushing = false;
      if (this.queue.length > 0) this.schedule();
    }
  }

  private async commit(batch: QueuedUnit[], handOver: () => void): Promise<void> {
    if (this.closed) {
      for (const unit of batch) unit.reject(new Error("The database is closed"));
      return;
    }
    const outcomes: Outcome[] = [];
    try {
      if (this.dialect === "sqlite") await this.writer.runExclusive(() => this.runBatch(batch, outcomes));
      else await this.runBatch(batch, outcomes, handOver);
    } catch (error) {
      // BEGIN or COMMIT failed: the database rolled back, nothing of this batch is stored.
      this.counters.failedBatches += 1;
      for (const unit of batch) unit.reject(error);
      return;
    }
    this.counters.batches += 1;
    this.counters.units += batch.length;
    batch.forEach((unit, index) => {
      const outcome = outcomes[index]!;
      if (outcome.ok) unit.resolve(outcome.value);
      else if (isDeadlock(outcome.error) && unit.retries < MAX_DEADLOCK_RETRIES) {
        // Units of one batch hold their row locks to COMMIT; another gateway's batch may wait
        // for them while holding one of ours. PostgreSQL aborts one side; that unit runs again.
        unit.retries += 1;
        this.counters.deadlockRetries += 1;
        this.queue.push(unit);
        this.schedule();
      } else unit.reject(outcome.error);
    });
  }

  /**
   * One transaction: the units one after another, each in a savepoint unless it is alone.
   * PostgreSQL: a savepoint costs a round trip while the audit head is held, and units rarely
   * fail, so a batch first runs without them; if a unit throws, that transaction is rolled back
   * (nothing of it is kept) and the batch runs again, each unit in its savepoint. Units may run
   * again by contract ({@link DatabaseWork}).
   */
  private async runBatch(batch: QueuedUnit[], outcomes: Outcome[], beforeCommit: () => void = () => undefined): Promise<void> {
    const runner = this.dataSource.createQueryRunner();
    try {
      const several = batch.length > 1;
      if (several && this.dialect === "postgres" && (await this.runOnce(runner, batch, outcomes, false, beforeCommit))) return;
      outcomes.length = 0;
      await this.runOnce(runner, batch, outcomes, several, beforeCommit);
    } finally {
      if (this.dialect === "postgres") await runner.release();
    }
  }

  /**
   * The batch in one transaction. Without savepoints, a unit that fails rolls the transaction
   * back and the answer is false (several units) so the caller runs them again with savepoints.
   */
  private async runOnce(
    runner: QueryRunner,
    batch: QueuedUnit[],
    outcomes: Outcome[],
    savepoints: boolean,
    beforeCommit: () => void,
  ): Promise<boolean> {
    await begin(runner, this.dialect);
    try {
      for (const unit of batch) {
        const outcome = await this.runUnit(runner, unit, savepoints);
        if (!outcome.ok && !savepoints && batch.length > 1) {
          await rollback(runner);
          return false;
        }
        outcomes.push(outcome);
      }
      // A lone unit that failed has nothing to commit.
      if (batch.length === 1 && !outcomes[0]!.ok) await rollback(runner);
      else {
        beforeCommit();
        await commit(runner);
      }
      return true;
    } catch (error) {
      await rollback(runner).catch(() => undefined);
      throw error;
    }
  }

  private async runUnit(runner: QueryRunner, unit: QueuedUnit, savepoint: boolean): Promise<Outcome> {
    // Never released: COMMIT releases them all, one round trip less per unit. A later unit's
    // savepoint of the same name nests, and ROLLBACK TO goes back to the newest one, this unit's.
    if (savepoint) await runner.query("SAVEPOINT unit");
    try {
      return { ok: true, value: await this.current.run(runner.manager, () => unit.work(runner.manager)) };
    } catch (error) {
      // Back to the unit's savepoint: the batch's other units keep their writes.
      if (savepoint) await runner.query("ROLLBACK TO SAVEPOINT unit");
      return { ok: false, error };
    }
  }

  private hasReader(): boolean {
    const database = (this.dataSource.options as { database?: unknown }).database;
    return typeof database === "string" && database !== ":memory:";
  }

  private openReader(): Promise<DataSource> {
    this.reader ??= (async () => {
      const reader = new DataSource({
        type: "better-sqlite3",
        database: (this.dataSource.options as { database: string }).database,
        entities,
        readonly: true,
        fileMustExist: true,
        timeout: SQLITE_READER_BUSY_TIMEOUT_MS,
        synchronize: false,
        migrationsRun: false,
        logging: this.dataSource.options.logging ?? false,
      });
      bindNumbers(reader);
      await reader.initialize();
      // The reader's statements reach the gateway DataSource's subscribers (afterQuery), as the
      // writer's do: whoever observes the database (tests counting rows read) sees every statement.
      Object.assign(reader, { subscribers: this.dataSource.subscribers });
      return reader;
    })();
    return this.reader;
  }

  private async close(): Promise<void> {
    this.closed = true;
    const reader = this.reader;
    this.reader = null;
    if (reader !== null) {
      const opened = await reader.catch(() => null);
      if (opened?.isInitialized) await this.readers.runExclusive(() => opened.destroy());
    }
  }
}

function dialectOf(dataSource: DataSource): Dialect {
  switch (dataSource.options.type) {
    case "better-sqlite3":
      return "sqlite";
    case "postgres":
      return "postgres";
    default:
      throw new Error(`Unsupported database type ${String(dataSource.options.type)}`);
  }
}

/**
 * BEGIN, as TypeORM would, except that SQLite's is IMMEDIATE: the write lock is taken before
 * the first read, so a unit that reads the audit head and writes it back cannot lose a race to
 * another process on the same file (a deferred transaction would fail with SQLITE_BUSY there).
 */
async function begin(runner: QueryRunner, dialect: Dialect): Promise<void> {
  if (dialect === "postgres") {
    // PostgreSQL's writer discipline lives in the audited statements (audit-append.statement.ts):
    // each takes the audit head's row lock before any ticket row, so appenders serialise on it to
    // COMMIT (the gap-free global sequence) and the units of two gateways' batches (ticket A then
    // B here, B then A there) cannot deadlock. Not taken here: BEGIN answers at once, so a batch
    // that waits for the head waits in its first statement and goes on without a round trip.
    await runner.connect();
    await runner.startTransaction();
    return;
  }
  await runner.query("BEGIN IMMEDIATE");
  markTransaction(runner, true);
}

async function commit(runner: QueryRunner): Promise<void> {
  if (runner.connection.options.type === "postgres") return runner.commitTransaction();
  await runner.query("COMMIT");
  markTransaction(runner, false);
}

async function rollback(runner: QueryRunner): Promise<void> {
  if (runner.connection.options.type === "postgres") {
    if (runner.isTransactionActive) await runner.rollbackTransaction();
    return;
  }
  markTransaction(runner, false);
  await runner.query("ROLLBACK");
}

/**
 * Tells TypeORM's runner a transaction is open (depth 1), as its own startTransaction() would:
 * an EntityManager call that opens a transaction of its own (save, a nested transaction) then
 * uses a savepoint instead of a second BEGIN.
 */
function markTransaction(runner: QueryRunner, open: boolean): void {
  const state = runner as unknown as { isTransactionActive: boolean; transactionDepth: number };
  state.isTransactionActive = open;
  state.transactionDepth = open ? 1 : 0;
}

/** PostgreSQL's deadlock_detected. */
function isDeadlock(error: unknown): boolean {
  const driverError = (error as { driverError?: { code?: unknown } } | null)?.driverError ?? error;
  return (driverError as { code?: unknown } | null)?.code === "40P01";
}
