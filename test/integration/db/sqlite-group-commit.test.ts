import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import BetterSqlite3 from "better-sqlite3";
import type { Database } from "better-sqlite3";
import type { DataSource } from "typeorm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openDatabase } from "../../../src/db/data-source";
import { runInTransaction } from "../../../src/db/database-lock";
import { sqliteConnection } from "../../../src/db/sqlite-connection";
import { SqliteGroupCommit } from "../../../src/db/sqlite-group-commit";

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function deferred(): { promise: Promise<void>; resolve(): void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

/** Inserts one scratch row with a plain prepared statement; returns its rowid. */
const insertItem = (db: Database, label: string): number =>
  Number(db.prepare("INSERT INTO gc_item (label) VALUES (?)").run(label).lastInsertRowid);

const labelsIn = (db: Database): string[] =>
  (db.prepare("SELECT label FROM gc_item ORDER BY label").all() as { label: string }[]).map((row) => row.label);

describe("SqliteGroupCommit on a SQLite file", () => {
  let dir: string;
  let file: string;
  let dataSource: DataSource;
  let db: Database;
  let commits: SqliteGroupCommit;

  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "psg-group-commit-"));
    file = path.join(dir, "x.sqlite");
    dataSource = await openDatabase(`sqlite:${file}`);
    await dataSource.query("CREATE TABLE gc_item (id INTEGER PRIMARY KEY, label TEXT NOT NULL UNIQUE)");
    db = sqliteConnection(dataSource);
    commits = new SqliteGroupCommit(dataSource);
  });

  afterEach(async () => {
    if (dataSource.isInitialized) await dataSource.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it("commits 20 units queued in the same tick in one transaction, each resolving with its own result", async () => {
    const reader = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
    let committedWhileLastUnitRan: string[] | undefined;
    try {
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          commits.run((conn) => {
            const rowid = insertItem(conn, `item-${String(i).padStart(2, "0")}`);
            // Still one open transaction: another connection sees none of the batch's rows yet.
            if (i === 19) committedWhileLastUnitRan = labelsIn(reader);
            return { unit: i, rowid };
          }),
        ),
      );

      expect(results.map((r) => r.unit)).toEqual(Array.from({ length: 20 }, (_, i) => i));
      expect(new Set(results.map((r) => r.rowid)).size).toBe(20);
      expect(committedWhileLastUnitRan).toEqual([]);
      expect(labelsIn(db)).toEqual(Array.from({ length: 20 }, (_, i) => `item-${String(i).padStart(2, "0")}`));
      expect(commits.stats).toEqual({ batches: 1, units: 20, failedBatches: 0 });
    } finally {
      reader.close();
    }
  });

  it("rolls back only the unit that throws, which rejects with the very error it threw; the others commit", async () => {
    const refused = new Error("unit b refused");
    let constraintError: unknown;
    const outcomes = await Promise.allSettled([
      commits.run((conn) => insertItem(conn, "a")),
      commits.run((conn) => {
        insertItem(conn, "b-written-before-the-throw");
        throw refused;
      }),
      commits.run((conn) => {
        insertItem(conn, "c-written-before-the-constraint");
        try {
          insertItem(conn, "a"); // UNIQUE(label): the driver throws
        } catch (error) {
          constraintError = error;
          throw error;
        }
      }),
      commits.run((conn) => insertItem(conn, "d")),
    ]);

    expect(outcomes.map((o) => o.status)).toEqual(["fulfilled", "rejected", "rejected", "fulfilled"]);
    expect(outcomes[1]).toEqual({ status: "rejected", reason: refused });
    expect((outcomes[1] as PromiseRejectedResult).reason).toBe(refused);
    expect(constraintError).toMatchObject({ code: "SQLITE_CONSTRAINT_UNIQUE" });
    expect((outcomes[2] as PromiseRejectedResult).reason).toBe(constraintError);
    expect(labelsIn(db)).toEqual(["a", "d"]);
    expect(commits.stats.batches).toBe(1);
    expect(db.inTransaction).toBe(false);
  });

  it("rejects every unit of a batch whose COMMIT fails, stores none of it, and commits the next batch normally", async () => {
    db.pragma("foreign_keys = ON");
    expect(db.pragma("foreign_keys", { simple: true })).toBe(1);
    await dataSource.query("CREATE TABLE gc_parent (id INTEGER PRIMARY KEY)");
    // Deferred: the orphan insert succeeds and its savepoint releases; only COMMIT checks the key.
    await dataSource.query(
      "CREATE TABLE gc_child (id INTEGER PRIMARY KEY, parent_id INTEGER NOT NULL REFERENCES gc_parent (id) DEFERRABLE INITIALLY DEFERRED)",
    );
    const childCount = (): number => (db.prepare("SELECT count(*) AS n FROM gc_child").get() as { n: number }).n;

    let orphanInserted = false;
    const outcomes = await Promise.allSettled([
      commits.run((conn) => insertItem(conn, "before-orphan")),
      commits.run((conn) => {
        conn.prepare("INSERT INTO gc_child (id, parent_id) VALUES (1, 999)").run();
        orphanInserted = true;
        return "orphan";
      }),
      commits.run((conn) => insertItem(conn, "after-orphan")),
    ]);

    expect(orphanInserted).toBe(true);
    expect(outcomes.map((o) => o.status)).toEqual(["rejected", "rejected", "rejected"]);
    const reasons = outcomes.map((o) => (o as PromiseRejectedResult).reason as unknown);
    for (const reason of reasons) expect(reason).toMatchObject({ code: "SQLITE_CONSTRAINT_FOREIGNKEY" });
    expect(commits.stats.failedBatches).toBe(1);
    expect(labelsIn(db)).toEqual([]);
    expect(childCount()).toBe(0);
    expect(db.inTransaction).toBe(false);

    // The connection is usable: the next batch commits as usual.
    await expect(Promise.all([commits.run((conn) => insertItem(conn, "next-batch")), commits.run(() => "no-op")])).resolves.toEqual([
      expect.any(Number),
      "no-op",
    ]);
    expect(labelsIn(db)).toEqual(["next-batch"]);
  });

  it("waits for a TypeORM transaction that is awaiting a timer, then sees its committed row", async () => {
    const log: string[] = [];
    const inserted = deferred();
    const transaction = runInTransaction(dataSource, async (manager) => {
      await manager.query("INSERT INTO gc_item (label) VALUES ('from-transaction')");
      inserted.resolve();
      await sleep(30);
      log.push("transaction finished");
      return "transaction";
    });

    await inserted.promise;
    const unit = commits.run((conn) => {
      log.push("unit ran");
      const seen = labelsIn(conn);
      insertItem(conn, "from-unit");
      return seen;
    });

    // Either would reject with "cannot start a transaction within a transaction" if the unit ran inside it.
    const [transactionResult, seenByUnit] = await Promise.all([transaction, unit]);
    expect(transactionResult).toBe("transaction");
    expect(log).toEqual(["transaction finished", "unit ran"]);
    expect(seenByUnit).toEqual(["from-transaction"]);
    expect(labelsIn(db)).toEqual(["from-transaction", "from-unit"]);
  });

  it("waits for the TypeORM transaction even when the unit is queued from inside it", async () => {
    const log: string[] = [];
    let unit: Promise<string[]> | undefined;
    const transaction = runInTransaction(dataSource, async (manager) => {
      await manager.query("INSERT INTO gc_item (label) VALUES ('from-transaction')");
      // Not awaited (that could never finish inside the transaction): the write is queued for later.
      unit = commits.run((conn) => {
        log.push("unit ran");
        return labelsIn(conn);
      });
      unit.catch(() => undefined); // settled below; keeps an early rejection from being reported as unhandled
      await sleep(30);
      log.push("transaction finished");
    });

    await transaction;
    expect(unit).toBeDefined();
    await expect(unit).resolves.toEqual(["from-transaction"]);
    expect(log).toEqual(["transaction finished", "unit ran"]);
  });

  it("keeps later batches of an overflowing queue out of a TypeORM transaction that took the lock in between", async () => {
    const small = new SqliteGroupCommit(dataSource, 4);
    const log: string[] = [];
    const units = Array.from({ length: 10 }, (_, i) =>
      small.run((conn) => {
        log.push(`unit ${i}`);
        return insertItem(conn, `unit-${i}`);
      }),
    );
    for (const unit of units) unit.catch(() => undefined); // asserted below
    // As soon as the first batch has committed, a transaction takes the lock and awaits a timer.
    const transaction = units[0]!.then(() =>
      runInTransaction(dataSource, async (manager) => {
        log.push("transaction started");
        await manager.query("INSERT INTO gc_item (label) VALUES ('from-transaction')");
        await sleep(30);
        log.push("transaction finished");
      }),
    );

    const outcomes = await Promise.allSettled([...units, transaction]);
    expect(outcomes.filter((o) => o.status === "rejected")).toEqual([]);
    const started = log.indexOf("transaction started");
    const finished = log.indexOf("transaction finished");
    expect(log.slice(started + 1, finished)).toEqual([]);
    expect(log.filter((entry) => entry.startsWith("unit"))).toHaveLength(10);
    expect(labelsIn(db)).toHaveLength(11);
  });

  it("makes a resolved unit's row visible to a second connection on the same file", async () => {
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(db.pragma("synchronous", { simple: true })).toBe(2); // FULL: COMMIT waits for the fsync
    const other = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
    try {
      const seenInside: string[][] = [];
      const seenAfter = await commits
        .run((conn) => {
          insertItem(conn, "durable");
          seenInside.push(labelsIn(other));
          return "done";
        })
        .then(() => labelsIn(other));
      expect(seenInside).toEqual([[]]);
      expect(seenAfter).toEqual(["durable"]);
    } finally {
      other.close();
    }
  });
});
