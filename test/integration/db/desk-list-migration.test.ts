import { afterEach, describe, expect, it } from "vitest";
import { revertLastMigration, runMigrations } from "../../../src/db/data-source";
import { migrations } from "../../../src/db/migrations/migration-list";
import { TicketListQuery } from "../../../src/tickets/ticket-list.query";
import { TicketStore } from "../../../src/tickets/ticket.store";
import { aNewTicket, anAuditEvent, createEmptyTestDatabase, createUnmigratedDataSource, dbKinds, type EmptyTestDatabase } from "./support/test-database";

const ORDER = { field: "CREATED_AT", direction: "ASC" } as const;

describe.each(dbKinds)("DeskList migration (%s)", (kind) => {
  let empty: EmptyTestDatabase | undefined;
  const closers: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const close of closers.splice(0)) await close();
    await empty?.dispose();
    empty = undefined;
  });

  it("indexes tickets written before it, follows corrections, and reverts cleanly", async () => {
    empty = await createEmptyTestDatabase(kind);
    const dataSource = createUnmigratedDataSource(empty);
    await dataSource.initialize();
    closers.push(() => dataSource.destroy());
    await runMigrations(dataSource);
    await revertLastMigration(dataSource); // the schema just before DeskList

    const store = new TicketStore(dataSource);
    const before = await store.createTicket(aNewTicket({ title: "Mailbox full", description: "Quota reached for the sales team" }), anAuditEvent());
    if (before.outcome !== "created") throw new Error("not created");
    await runMigrations(dataSource);

    const search = (words: string) => new TicketListQuery(dataSource).list({ search: words }, ORDER, { first: 10 });
    expect((await search("mailb")).items.map((item) => item.node.id)).toEqual([before.ticket.id]);
    expect((await search("quota sales")).totalCount).toBe(1);
    expect((await search("quota marketing")).totalCount).toBe(0);

    // A correction through the store's write path: the index follows it.
    await dataSource.createQueryBuilder().update("ticket").set({ title: "Archive policy" }).where("id = :id", { id: before.ticket.id }).execute();
    expect((await search("mailbox")).totalCount).toBe(0);
    expect((await search("archive")).totalCount).toBe(1);

    // Revert down to and including DeskList (later migrations, whichever they are, first).
    const fromDeskList = migrations.length - migrations.findIndex((migration) => migration.name === "DeskList1767225601650");
    for (let i = 0; i < fromDeskList; i++) await revertLastMigration(dataSource);
    const runner = dataSource.createQueryRunner();
    try {
      expect(await runner.hasTable("ticket_sla_due")).toBe(false);
      if (kind === "sqlite") expect(await runner.hasTable("ticket_search")).toBe(false);
    } finally {
      await runner.release();
    }
    expect(await runMigrations(dataSource)).toHaveLength(fromDeskList);
    expect((await search("archive")).totalCount).toBe(1);
  });
});
