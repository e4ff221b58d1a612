import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DataSource } from "typeorm";
import { Database } from "../../../src/db/database";
import { ReadinessProbeEntity } from "../../../src/db/readiness-probe.entity";
import { ErrorCode } from "../../../src/errors";
import { TicketStore } from "../../../src/tickets/ticket.store";
import { createdTicket, dbKinds, openTestDatabase, startDiagnosis } from "./support/test-database";

// Audited transactions are the group-committed ones on both databases.
const AUDITED = { audited: true } as const;

describe.each(dbKinds)("Database (%s)", (kind) => {
  let dataSource: DataSource;
  let close: () => Promise<void>;
  let database: Database;

  beforeAll(async () => {
    ({ dataSource, close } = await openTestDatabase(kind));
    database = Database.of(dataSource);
  });
  afterAll(async () => close());

  it("commits units queued together in one transaction, each answered with its own result", async () => {
    const before = database.stats;
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => database.transaction(async (manager) => {
        await manager.save(ReadinessProbeEntity, { id: 100 + i, probedAt: new Date(Date.UTC(2026, 0, 1, 0, i)) });
        return i;
      }, AUDITED)),
    );
    expect(results).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    const after = database.stats;
    expect(after.units - before.units).toBe(8);
    expect(after.batches - before.batches).toBeLessThan(8);
    const rows = await database.read((manager) => manager.find(ReadinessProbeEntity, { order: { id: "ASC" } }));
    expect(rows.filter((row) => row.id >= 100).map((row) => row.probedAt.toISOString())).toEqual(
      Array.from({ length: 8 }, (_, i) => new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString()),
    );
  });

  it("rolls back only the unit that throws, which rejects with its own error; the others of its batch commit", async () => {
    const failure = new Error("unit 2 refuses");
    const outcomes = await Promise.allSettled(
      [0, 1, 2, 3].map((i) => database.transaction(async (manager) => {
        await manager.save(ReadinessProbeEntity, { id: 200 + i, probedAt: new Date() });
        if (i === 2) throw failure;
      }, AUDITED)),
    );
    expect(outcomes.map((outcome) => outcome.status)).toEqual(["fulfilled", "fulfilled", "rejected", "fulfilled"]);
    expect((outcomes[2] as PromiseRejectedResult).reason).toBe(failure);
    const ids = await database.read(async (manager) => (await manager.find(ReadinessProbeEntity)).map((row) => row.id).filter((id) => id >= 200));
    expect(ids.sort()).toEqual([200, 201, 203]);
  });

  it("lets exactly 1 of 10 transitions with the same expectedVersion win, in one batch; 9 get VERSION_CONFLICT", async () => {
    const store = new TicketStore(dataSource);
    const ticket = await createdTicket(store);
    const outcomes = await Promise.allSettled(Array.from({ length: 10 }, () => store.appendTransition(startDiagnosis(ticket))));
    expect(outcomes.filter((outcome) => outcome.status === "fulfilled")).toHaveLength(1);
    const conflicts = outcomes.filter((outcome) => outcome.status === "rejected").map((outcome) => (outcome as PromiseRejectedResult).reason as { code?: string });
    expect(conflicts).toHaveLength(9);
    expect(conflicts.every((error) => error.code === ErrorCode.VERSION_CONFLICT)).toBe(true);
    expect(await store.countEvents(ticket.id)).toBe(2);
  });

  it("joins a transaction or read started inside a unit instead of queueing behind itself", async () => {
    const seen = await database.transaction(async (manager) => {
      await manager.save(ReadinessProbeEntity, { id: 300, probedAt: new Date() });
      const inner = await database.transaction(async (joined) => joined === manager);
      const read = await database.read((reader) => reader.findOneBy(ReadinessProbeEntity, { id: 300 }));
      return { inner, read: read?.id };
    });
    expect(seen).toEqual({ inner: true, read: 300 });
  });

  it("serves reads while a write transaction is open, with the last committed state", async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let wrote!: () => void;
    const written = new Promise<void>((resolve) => (wrote = resolve));
    const writing = database.transaction(async (manager) => {
      await manager.save(ReadinessProbeEntity, { id: 400, probedAt: new Date() });
      wrote();
      await held;
    });
    await written;
    // SQLite (a file here): the read-only connection; PostgreSQL: the pool. Neither waits for the open write.
    expect(await database.read((manager) => manager.findOneBy(ReadinessProbeEntity, { id: 400 }))).toBeNull();
    release();
    await writing;
    expect((await database.read((manager) => manager.findOneBy(ReadinessProbeEntity, { id: 400 })))?.id).toBe(400);
  });

  it.runIf(kind === "postgres")("commits a write that appends no audit event while an audited batch holds the audit head", async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let started!: () => void;
    const inside = new Promise<void>((resolve) => (started = resolve));
    const audited = database.transaction(async (manager) => {
      await manager.save(ReadinessProbeEntity, { id: 500, probedAt: new Date() });
      started();
      await held;
    }, AUDITED);
    await inside;
    // An outbox lease or job outcome: its own transaction, not queued behind the open batch.
    await database.transaction((manager) => manager.save(ReadinessProbeEntity, { id: 501, probedAt: new Date() }));
    expect((await database.read((manager) => manager.findOneBy(ReadinessProbeEntity, { id: 501 })))?.id).toBe(501);
    expect(await database.read((manager) => manager.findOneBy(ReadinessProbeEntity, { id: 500 }))).toBeNull();
    release();
    await audited;
  });

  it.runIf(kind === "postgres")("rolls back a lone write that throws and rejects with its error", async () => {
    const failure = new Error("refused");
    await expect(database.transaction(async (manager) => {
      await manager.save(ReadinessProbeEntity, { id: 600, probedAt: new Date() });
      throw failure;
    })).rejects.toBe(failure);
    expect(await database.read((manager) => manager.findOneBy(ReadinessProbeEntity, { id: 600 }))).toBeNull();
  });
});
