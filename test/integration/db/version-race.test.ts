import type { DataSource } from "typeorm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isAppError, ErrorCode } from "../../../src/errors";
import { verifyChain } from "../../../src/tickets/audit-hash";
import { TicketStore } from "../../../src/tickets/ticket.store";
import { aNewTicket, anAuditEvent, dbKinds, openTestDatabase } from "./support/test-database";

const CONTENDERS = 20;

describe.each(dbKinds)("appendTransition under concurrency (%s)", (kind) => {
  let dataSource: DataSource;
  let close: () => Promise<void>;
  let store: TicketStore;

  beforeAll(async () => {
    ({ dataSource, close } = await openTestDatabase(kind));
    store = new TicketStore(dataSource);
  });
  afterAll(async () => close());

  it(`lets exactly 1 of ${CONTENDERS} writers with the same expectedVersion win; the rest get VERSION_CONFLICT`, async () => {
    const created = await store.createTicket(aNewTicket(), anAuditEvent());
    const ticket = created.ticket;

    const outcomes = await Promise.allSettled(
      Array.from({ length: CONTENDERS }, (_, i) =>
        store.appendTransition({
          ticketId: ticket.id,
          expectedVersion: 1,
          changes: {
            snapshot: { value: "diagnosis", contender: i },
            state: "diagnosis",
            statePath: "diagnosis",
            assigneeId: `agent-${i}`,
            updatedAt: new Date(Date.UTC(2025, 2, 1, 10, 0, i)),
          },
          event: anAuditEvent({ type: "START_DIAGNOSIS", fromState: "intake", toState: "diagnosis", payload: { contender: i } }),
          outbox: [{ kind: "NOTIFY", idempotencyKey: `notify-${ticket.id}-${i}`, payload: {}, nextAttemptAt: new Date() }],
        }),
      ),
    );

    const winners = outcomes.filter((o) => o.status === "fulfilled");
    const losers = outcomes.flatMap((o) => (o.status === "rejected" ? [o.reason as unknown] : []));
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(CONTENDERS - 1);
    for (const error of losers) {
      // Never a driver error ("cannot start a transaction within a transaction", deadlock, ...).
      expect(isAppError(error) ? { code: error.code, details: error.details } : error).toEqual({
        code: ErrorCode.VERSION_CONFLICT,
        details: { currentVersion: 2 },
      });
    }

    const winner = winners[0]?.status === "fulfilled" ? winners[0].value : undefined;
    const stored = await store.findById(ticket.id);
    expect(stored?.version).toBe(2);
    expect(stored?.assigneeId).toBe(winner?.ticket.assigneeId);
    const events = await store.listEvents(ticket.id);
    expect(events.map((e) => e.sequence)).toEqual([1, 2]);
    expect(verifyChain(events)).toEqual({ ok: true });
    const jobs: unknown[] = await dataSource.query(
      kind === "postgres" ? "SELECT id FROM outbox_job WHERE ticket_id = $1" : "SELECT id FROM outbox_job WHERE ticket_id = ?",
      [ticket.id],
    );
    expect(jobs).toHaveLength(1);
  });

  it("serializes writers that each read the latest version, producing one unbroken chain", async () => {
    const { ticket } = await store.createTicket(aNewTicket(), anAuditEvent());
    // Each writer retries on conflict, like a client would: all 10 must land, in some order.
    await Promise.all(
      Array.from({ length: 10 }, async (_, i) => {
        for (;;) {
          const current = await store.findById(ticket.id);
          try {
            return await store.appendTransition({
              ticketId: ticket.id,
              expectedVersion: current?.version ?? 0,
              changes: { snapshot: { note: i }, state: "diagnosis", statePath: "diagnosis", updatedAt: new Date() },
              event: anAuditEvent({ type: "ADD_NOTE", fromState: "diagnosis", toState: "diagnosis", payload: { note: i } }),
            });
          } catch (error) {
            if (!isAppError(error) || error.code !== ErrorCode.VERSION_CONFLICT) throw error;
          }
        }
      }),
    );
    const events = await store.listEvents(ticket.id);
    expect(events).toHaveLength(11);
    expect(verifyChain(events)).toEqual({ ok: true });
    expect((await store.findById(ticket.id))?.version).toBe(11);
  });
});
