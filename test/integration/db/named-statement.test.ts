import type { AfterQueryEvent } from "typeorm";
import type { DataSource } from "typeorm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TicketStore } from "../../../src/tickets/ticket.store";
import { aNewTicket, anAuditEvent, openTestDatabase, startDiagnosis } from "./support/test-database";

/** PostgreSQL runs the hot statements as named, server-side prepared ones (src/db/named-statement.ts). */
describe("named statements (postgres)", () => {
  let dataSource: DataSource;
  let close: () => Promise<void>;
  let store: TicketStore;
  const seen: string[] = [];

  beforeAll(async () => {
    ({ dataSource, close } = await openTestDatabase("postgres"));
    store = new TicketStore(dataSource);
    dataSource.subscribers.push({ afterQuery: (event: AfterQueryEvent) => void seen.push(String(event.query)) });
  });
  afterAll(async () => close());

  const preparedNames = async (): Promise<string[]> =>
    ((await dataSource.query("SELECT name FROM pg_prepared_statements")) as { name: string }[]).map((row) => row.name);

  it("prepares each statement once per connection, and subscribers still see its SQL", async () => {
    for (let i = 0; i < 3; i++) {
      const { ticket } = await store.createTicket(aNewTicket(), anAuditEvent({ at: new Date() }));
      await store.appendTransition(startDiagnosis(ticket, { event: anAuditEvent({ type: "START_DIAGNOSIS", at: new Date() }) }));
    }
    expect(seen.some((sql) => /^WITH head AS \(UPDATE "audit_head"/.test(sql) && sql.includes('INSERT INTO "ticket_event"'))).toBe(true);
    // pg_prepared_statements lists the statements of the session that asks: at least this pool connection's.
    const names = await Promise.all(Array.from({ length: 3 }, () => preparedNames()));
    expect(names.flat().some((name) => name.startsWith("psg_"))).toBe(true);
  });

  it("keeps working when another instance's migration adds a column to a table a prepared statement answers from", async () => {
    const { ticket } = await store.createTicket(aNewTicket(), anAuditEvent({ at: new Date() }));
    await dataSource.query('ALTER TABLE "ticket" ADD COLUMN "added_by_a_later_release" integer');
    await dataSource.query('ALTER TABLE "ticket_event" ADD COLUMN "added_by_a_later_release" integer');
    const moved = await store.appendTransition(startDiagnosis(ticket, { event: anAuditEvent({ type: "START_DIAGNOSIS", at: new Date() }) }));
    expect(moved.ticket.version).toBe(2);
    const again = await store.createTicket(aNewTicket(), anAuditEvent({ at: new Date() }));
    expect(again.outcome).toBe("created");
    expect((await store.findById(moved.ticket.id))?.version).toBe(2);
  });
});
