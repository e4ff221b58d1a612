import type { Database } from "better-sqlite3";
import type { DataSource } from "typeorm";
import { withDatabaseLockAsNewCaller } from "./database-lock";
import { sqliteConnection } from "./sqlite-connection";

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

interface QueuedUnit {
  run(db: Database): unknown;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

/** What a group commit has done so far (for tests, benchmarks and metrics). */
export interface GroupCommitStats {
  /** Batches committed. */
  batches: number;
  /** Units in committed batches (including units that failed alone inside them). */
  units: number;
  /** Batches whose BEGIN or COMMIT failed (all their units rejected). */
  failedBatches: number;
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
  private readonly counters: GroupCommitStats = { batches: 0, units: 0, failedBatches: 0 };
  private queue: QueuedUnit[] = [];
  private scheduled = false;
  private readonly transaction: (batch: QueuedUnit[], outcomes: Outcome[]) => void;

  constructor(private readonly dataSource: DataSource, private readonly maxBatch = 256) {
    const db = sqliteConnection(dataSource);
    const savepoint = db.transaction((unit: QueuedUnit) => unit.run(db));
    const batchTransaction = db.transaction((batch: QueuedUnit[], outcomes: Outcome[]) => {
      for (const unit of batch) {
        try {
          outcomes.push({ ok: true, value: savepoint(unit) });
        } catch (error) {
          outcomes.push({ ok: false, error });
        }
      }
    });
    this.transaction = (batch, outcomes) => {
      // Inside an open transaction better-sqlite3 would nest (a savepoint) instead of committing.
      if (db.inTransaction) throw new Error("SQLite group commit found the connection inside another transaction; nothing was written");
      batchTransaction.immediate(batch, outcomes);
    };
  }

  get stats(): GroupCommitStats {
    return { ...this.counters };
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
    const outcomes: Outcome[] = [];
    try {
      // better-sqlite3's transaction functions: BEGIN IMMEDIATE ... COMMIT around the batch, and a
      // nested one per unit is a savepoint that rolls back alone when the unit throws.
      this.transaction(batch, outcomes);
    } catch (error) {
      // BEGIN or COMMIT failed: better-sqlite3 rolled back, nothing of this batch is stored.
      this.counters.failedBatches += 1;
      for (const unit of batch) unit.reject(error);
      return;
    }
    this.counters.batches += 1;
    this.counters.units += batch.length;
    batch.forEach((unit, index) => {
      const outcome = outcomes[index]!;
      if (outcome.ok) unit.resolve(outcome.value);
      else unit.reject(outcome.error);
    });
  }
}
