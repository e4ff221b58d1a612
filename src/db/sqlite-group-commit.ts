import type { Database } from "better-sqlite3";
import type { DataSource } from "typeorm";
import { withDatabaseLockAsNewCaller } from "./database-lock";

interface QueuedUnit {
  run(db: Database): unknown;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

/**
 * Group commit for the SQLite database: units of work queued while the event loop is busy commit
 * together in ONE transaction, under one fsync (synchronous=FULL makes every COMMIT wait for the
 * disk, about 1 ms here, which would otherwise cap writes near 1,000 per second with no room for
 * anything else). Each unit runs in its own savepoint, so a unit that throws rolls back alone and
 * its caller gets the error; the others commit. A unit's promise settles only after COMMIT has
 * returned, so an acknowledged write is as durable as with one transaction per write.
 *
 * Units are synchronous functions over the better-sqlite3 connection: nothing else can run on
 * the connection between BEGIN and COMMIT. The batch takes the database lock first, as a new
 * caller, so it never lands inside a TypeORM transaction that is waiting on an await. So never
 * await a unit while holding the database lock: the batch would wait for its own caller.
 */
export class SqliteGroupCommit {
  private queue: QueuedUnit[] = [];
  private scheduled = false;
  private readonly db: Database;

  constructor(private readonly dataSource: DataSource, private readonly maxBatch = 256) {
    this.db = (dataSource.driver as unknown as { databaseConnection: Database }).databaseConnection;
  }

  /** Runs `unit` inside the next group transaction; resolves with its result once committed. */
  run<T>(unit: (db: Database) => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ run: unit, resolve: resolve as (value: unknown) => void, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        // setImmediate: let the writers that are ready in this turn of the event loop join the batch.
        setImmediate(() => void this.flush());
      }
    });
  }

  private async flush(): Promise<void> {
    // As a new caller: a flush scheduled from inside a locked section must still wait for it.
    await withDatabaseLockAsNewCaller(this.dataSource, async () => {
      this.scheduled = false;
      const batch = this.queue.splice(0, this.maxBatch);
      if (this.queue.length > 0) {
        this.scheduled = true;
        setImmediate(() => void this.flush());
      }
      if (batch.length > 0) this.commit(batch);
    });
  }

  private commit(batch: QueuedUnit[]): void {
    const outcomes: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
    try {
      this.db.exec("BEGIN IMMEDIATE");
    } catch (error) {
      for (const unit of batch) unit.reject(error);
      return;
    }
    try {
      for (const unit of batch) {
        this.db.exec("SAVEPOINT unit");
        try {
          outcomes.push({ ok: true, value: unit.run(this.db) });
          this.db.exec("RELEASE unit");
        } catch (error) {
          this.db.exec("ROLLBACK TO unit");
          this.db.exec("RELEASE unit");
          outcomes.push({ ok: false, error });
        }
      }
      this.db.exec("COMMIT");
    } catch (error) {
      // COMMIT (or a savepoint statement) failed: nothing of this batch is stored.
      if (this.db.inTransaction) this.db.exec("ROLLBACK");
      for (const unit of batch) unit.reject(error);
      return;
    }
    batch.forEach((unit, index) => {
      const outcome = outcomes[index]!;
      if (outcome.ok) unit.resolve(outcome.value);
      else unit.reject(outcome.error);
    });
  }
}
