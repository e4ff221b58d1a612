import type { DataSource } from "typeorm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyChain } from "../../../src/tickets/audit-hash";
import { TicketStore } from "../../../src/tickets/ticket.store";
import type { TicketRecord } from "../../../src/tickets/ticket-store.types";
import { aNewTicket, anAuditEvent, dbKinds, openTestDatabase } from "./support/test-database";

async function ticketWithHistory(store: TicketStore, transitions: number): Promise<TicketRecord> {
  let { ticket } = await store.createTicket(aNewTicket(), anAuditEvent());
  for (let i = 0; i < transitions; i++) {
    ({ ticket } = await store.appendTransition({
      ticketId: ticket.id,
      expectedVersion: ticket.version,
      changes: { snapshot: { step: i }, state: "diagnosis", statePath: "diagnosis", updatedAt: new Date() },
      event: anAuditEvent({
        type: "ADD_NOTE",
        fromState: "diagnosis",
        toState: "diagnosis",
        payload: { note: `note ${i}`, nested: { z: [1, 2.5, null], a: "ü" } },
        at: new Date(Date.UTC(2025, 2, 1, 10, i)),
      }),
    }));
  }
  return ticket;
}

describe.each(dbKinds)("audit chain in the database (%s)", (kind) => {
  let dataSource: DataSource;
  let close: () => Promise<void>;
  let store: TicketStore;
  /** The single bind placeholder of each raw statement below. */
  const sql = (text: string): string => (kind === "postgres" ? text.replace("?", "$1") : text);

  beforeAll(async () => {
    ({ dataSource, close } = await openTestDatabase(kind));
    store = new TicketStore(dataSource);
  });
  afterAll(async () => close());

  it("verifies the stored chain of a ticket with several transitions", async () => {
    const ticket = await ticketWithHistory(store, 4);
    const events = await store.listEvents(ticket.id);
    expect(events.map((e) => e.sequence)).toEqual([1, 2, 3, 4, 5]);
    expect(verifyChain(events)).toEqual({ ok: true });

    const iterated = [];
    for await (const event of store.iterateTicketEvents(ticket.id, 2)) iterated.push(event);
    expect(iterated).toEqual(events);
  });

  it("refuses UPDATE and DELETE of ticket_event rows at the database", async () => {
    const ticket = await ticketWithHistory(store, 1);
    await expect(dataSource.query(sql("UPDATE ticket_event SET type = 'X' WHERE ticket_id = ?"), [ticket.id])).rejects.toThrow(
      /append-only/,
    );
    await expect(dataSource.query(sql("DELETE FROM ticket_event WHERE ticket_id = ?"), [ticket.id])).rejects.toThrow(
      /append-only/,
    );
    if (kind === "postgres") await expect(dataSource.query("TRUNCATE ticket_event CASCADE")).rejects.toThrow(/append-only/);
    expect(await store.countEvents(ticket.id)).toBe(2);
  });

  it("detects a row tampered with behind the triggers' back", async () => {
    const ticket = await ticketWithHistory(store, 3);
    const [, second] = await store.listEvents(ticket.id);
    // Simulate someone with DDL rights: disable the guard, rewrite a payload, restore the guard.
    if (kind === "postgres") {
      await dataSource.query("ALTER TABLE ticket_event DISABLE TRIGGER ticket_event_no_update_delete");
      await dataSource.query(sql(`UPDATE ticket_event SET payload = '{"note":"forged"}' WHERE id = ?`), [second?.id]);
      await dataSource.query("ALTER TABLE ticket_event ENABLE TRIGGER ticket_event_no_update_delete");
    } else {
      await dataSource.query("DROP TRIGGER ticket_event_no_update");
      await dataSource.query(sql(`UPDATE ticket_event SET payload = '{"note":"forged"}' WHERE id = ?`), [second?.id]);
    }
    const result = verifyChain(await store.listEvents(ticket.id));
    expect(result).toMatchObject({ ok: false, sequence: 2, reason: "HASH_MISMATCH" });
  });

  it("lists every ticket id for the verifier", async () => {
    const a = await ticketWithHistory(store, 0);
    const b = await ticketWithHistory(store, 0);
    const ids: string[] = [];
    for await (const id of store.iterateTicketIds(2)) ids.push(id);
    expect(ids).toEqual([...ids].sort());
    expect(ids).toEqual(expect.arrayContaining([a.id, b.id]));
    expect(new Set(ids).size).toBe(ids.length);
  });
});
