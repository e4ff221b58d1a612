import type { AfterQueryEvent, DataSource } from "typeorm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { revertLastMigration, runMigrations } from "../../../src/db/data-source";
import { migrations } from "../../../src/db/migrations/migration-list";
import { verifyChain } from "../../../src/tickets/audit-hash";
import { TicketStore } from "../../../src/tickets/ticket.store";
import { anAuditEvent, createdTicket, dbKinds, openTestDatabase, startDiagnosis } from "./support/test-database";

// The ticket row keeps the head of its audit chain, so a transition links its event from the row
// it loaded instead of reading the last event under the audit head lock; rows without a head
// (bulk seeds, rows the migration could not fill) take the read-the-last-event path and get one.

describe.each(dbKinds)("ticket chain head (%s)", (kind) => {
  let dataSource: DataSource;
  let close: () => Promise<void>;
  let store: TicketStore;
  let eventReads = 0;

  beforeAll(async () => {
    ({ dataSource, close } = await openTestDatabase(kind));
    store = new TicketStore(dataSource);
    dataSource.subscribers.push({
      afterQuery(event: AfterQueryEvent) {
        if (/^\s*SELECT\b[\s\S]*\bticket_event\b/i.test(event.query)) eventReads += 1;
      },
    });
  });
  afterAll(async () => close());

  const param = (n: number) => (kind === "postgres" ? `$${n}` : "?");

  it("stores the first event's head with a new ticket and moves it with each transition, reading no event", async () => {
    const ticket = await createdTicket(store);
    const [opened] = await store.listEvents(ticket.id);
    expect(ticket).toMatchObject({ lastEventSequence: 1, lastEventHash: opened!.hash });
    const loaded = (await store.findById(ticket.id))!;
    expect(loaded).toMatchObject({ lastEventSequence: 1, lastEventHash: opened!.hash });

    const before = eventReads;
    const { ticket: updated, event } = await store.appendTransition({ ...startDiagnosis(loaded), loaded });
    expect(eventReads).toBe(before);
    expect(event).toMatchObject({ sequence: 2, prevHash: opened!.hash });
    expect(updated).toMatchObject({ version: 2, lastEventSequence: 2, lastEventHash: event.hash });
    expect(verifyChain(await store.listEvents(ticket.id))).toMatchObject({ ok: true });
  });

  it("links a row without a head to its last event and gives it one", async () => {
    const ticket = await createdTicket(store);
    const [opened] = await store.listEvents(ticket.id);
    await dataSource.query(`UPDATE ticket SET last_event_sequence = NULL, last_event_hash = NULL WHERE id = ${param(1)}`, [ticket.id]);
    const loaded = (await store.findById(ticket.id))!;
    expect(loaded).toMatchObject({ lastEventSequence: null, lastEventHash: null });

    const { ticket: updated, event } = await store.appendTransition({ ...startDiagnosis(loaded), loaded });
    expect(event).toMatchObject({ sequence: 2, prevHash: opened!.hash });
    expect(updated).toMatchObject({ lastEventSequence: 2, lastEventHash: event.hash });
    const next = await store.appendTransition({
      ...startDiagnosis(updated),
      loaded: updated,
      event: anAuditEvent({ type: "ADD_DIAGNOSIS_NOTE", fromState: "diagnosis", toState: "diagnosis", payload: { note: "Checked" } }),
    });
    expect(next.event).toMatchObject({ sequence: 3, prevHash: event.hash });
    expect(verifyChain(await store.listEvents(ticket.id))).toMatchObject({ ok: true });
  });

  it("the migration fills in the head of tickets written before it", async () => {
    const ticket = await createdTicket(store);
    const loaded = (await store.findById(ticket.id))!;
    const { event } = await store.appendTransition({ ...startDiagnosis(loaded), loaded });
    // Back to the schema before TicketChainHead (whatever comes after it) and forward again.
    const after = migrations.length - migrations.findIndex((migration) => migration.name === "TicketChainHead1767225602000");
    for (let i = 0; i < after; i++) await revertLastMigration(dataSource);
    expect(await runMigrations(dataSource)).toHaveLength(after);
    expect(await store.findById(ticket.id)).toMatchObject({ version: 2, lastEventSequence: 2, lastEventHash: event.hash });
  });

  it("refuses a transition against a moved-on row without touching the chain", async () => {
    const ticket = await createdTicket(store);
    const loaded = (await store.findById(ticket.id))!;
    await store.appendTransition({ ...startDiagnosis(loaded), loaded });
    await expect(store.appendTransition({ ...startDiagnosis(loaded), loaded })).rejects.toMatchObject({ code: "VERSION_CONFLICT" });
    expect(await store.countEvents(ticket.id)).toBe(2);
    expect(verifyChain(await store.listEvents(ticket.id))).toMatchObject({ ok: true });
  });
});
