import { afterEach, describe, expect, it } from "vitest";
import { revertLastMigration, runMigrations } from "../../../src/db/data-source";
import { migrations } from "../../../src/db/migrations/migration-list";
import { TicketListQuery } from "../../../src/tickets/ticket-list.query";
import { aNewTicket, createEmptyTestDatabase, createUnmigratedDataSource, dbKinds, newId, type EmptyTestDatabase } from "./support/test-database";

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
    // The schema just before DeskList, whatever migrations come after it.
    const fromDeskList = migrations.length - migrations.findIndex((migration) => migration.name === "DeskList1767225601650");
    for (let i = 0; i < fromDeskList; i++) await revertLastMigration(dataSource);

    // A ticket row as the schema then had it (today's store writes today's columns).
    const ticket = aNewTicket({ title: "Mailbox full", description: "Quota reached for the sales team" });
    const before = { ticket: { id: newId() } };
    const row: Record<string, unknown> = {
      id: before.ticket.id,
      customer_id: ticket.customerId,
      title: ticket.title,
      description: ticket.description,
      category: ticket.category,
      product: ticket.product,
      severity: ticket.severity,
      channel: ticket.channel,
      state: ticket.state,
      state_path: ticket.statePath,
      assignee_id: ticket.assigneeId,
      snapshot: JSON.stringify(ticket.snapshot),
      machine_version: ticket.machineVersion,
      version: 1,
      created_by: ticket.createdBy,
      created_at: ticket.createdAt.toISOString(),
      updated_at: ticket.createdAt.toISOString(),
    };
    const names = Object.keys(row);
    const params = names.map((_, i) => (kind === "postgres" ? `$${i + 1}` : "?"));
    await dataSource.query(`INSERT INTO ticket (${names.join(", ")}) VALUES (${params.join(", ")})`, Object.values(row));
    expect(await runMigrations(dataSource)).toHaveLength(fromDeskList);

    const search = (words: string) => new TicketListQuery(dataSource).list({ search: words }, ORDER, { first: 10 });
    expect((await search("mailb")).items.map((item) => item.node.id)).toEqual([before.ticket.id]);
    expect((await search("quota sales")).totalCount).toBe(1);
    expect((await search("quota marketing")).totalCount).toBe(0);

    // A correction through the store's write path: the index follows it.
    await dataSource.createQueryBuilder().update("ticket").set({ title: "Archive policy" }).where("id = :id", { id: before.ticket.id }).execute();
    expect((await search("mailbox")).totalCount).toBe(0);
    expect((await search("archive")).totalCount).toBe(1);

    // Revert down to and including DeskList (later migrations, whichever they are, first).
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
