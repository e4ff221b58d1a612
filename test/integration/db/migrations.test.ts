import { afterEach, describe, expect, it } from "vitest";
import { openDatabase, revertLastMigration, runMigrations } from "../../../src/db/data-source";
import { migrations } from "../../../src/db/migrations/migration-list";
import { createEmptyTestDatabase, createUnmigratedDataSource, dbKinds } from "./support/test-database";
import type { EmptyTestDatabase } from "./support/test-database";

const tables = ["ticket", "ticket_event", "outbox_job"];

describe.each(dbKinds)("database migrations (%s)", (kind) => {
  let empty: EmptyTestDatabase | undefined;
  const closers: (() => Promise<void>)[] = [];

  afterEach(async () => {
    for (const close of closers.splice(0)) await close();
    await empty?.dispose();
    empty = undefined;
  });

  it("creates every table on an empty database and applies nothing on a re-run", async () => {
    empty = await createEmptyTestDatabase(kind);
    const dataSource = createUnmigratedDataSource(empty);
    await dataSource.initialize();
    closers.push(() => dataSource.destroy());

    for (const table of tables) expect(await dataSource.createQueryRunner().hasTable(table)).toBe(false);
    const applied = await runMigrations(dataSource);
    expect(applied.map((m) => m.name)).toEqual([
      "InitialSchema1767225600000",
      "TicketEventAppendOnly1767225600001",
      "EscalationState1767225600200",
      "SlaBreach1767225600600",
      "AuditAnchor1767225600814",
      "CallerScopedState1767225601300",
      "ReadinessProbe1767225601400",
      "DeskList1767225601650",
      "Alerts1767225601800",
      "AlertSourceCursor1767225601900",
      "TicketChainHead1767225602000",
    ]);
    const runner = dataSource.createQueryRunner();
    try {
      for (const table of tables) expect(await runner.hasTable(table)).toBe(true);
      const ticket = await runner.getTable("ticket");
      expect(ticket?.indices.map((i) => i.name).sort()).toEqual([
        "ix_ticket_assignee_id",
        "ix_ticket_customer_id",
        "ix_ticket_state",
        "ix_ticket_updated_at",
        "ux_ticket_idempotency_key",
      ]);
    } finally {
      if (kind === "postgres") await runner.release();
    }
    expect(await runMigrations(dataSource)).toEqual([]);
  });

  it("opens an already migrated database without changing it", async () => {
    empty = await createEmptyTestDatabase(kind);
    const first = await openDatabase(empty.url, empty.options);
    await first.destroy();
    const second = await openDatabase(empty.url, empty.options);
    closers.push(() => second.destroy());
    const rows: unknown[] = await second.query(`SELECT name FROM migrations ORDER BY id`);
    expect(rows).toHaveLength(migrations.length);
    expect(await second.showMigrations()).toBe(false);
  });

  it("reverts migrations down to an empty schema and re-applies them", async () => {
    empty = await createEmptyTestDatabase(kind);
    const dataSource = await openDatabase(empty.url, empty.options);
    closers.push(() => dataSource.destroy());
    for (let i = 0; i < migrations.length; i++) await revertLastMigration(dataSource);
    const runner = dataSource.createQueryRunner();
    try {
      for (const table of tables) expect(await runner.hasTable(table)).toBe(false);
    } finally {
      if (kind === "postgres") await runner.release();
    }
    expect(await runMigrations(dataSource)).toHaveLength(migrations.length);
  });

  if (kind === "sqlite") {
    it("uses WAL with synchronous=FULL and a busy timeout, and creates the database folder", async () => {
      empty = await createEmptyTestDatabase(kind);
      const dataSource = await openDatabase(empty.url, empty.options);
      closers.push(() => dataSource.destroy());
      const pragma = async (name: string): Promise<unknown> =>
        Object.values((await dataSource.query(`PRAGMA ${name}`))[0] as object)[0];
      expect(await pragma("journal_mode")).toBe("wal");
      expect(await pragma("synchronous")).toBe(2); // 2 = FULL
      expect(await pragma("busy_timeout")).toBe(5000);
      expect(await pragma("foreign_keys")).toBe(1);
    });
  }
});
