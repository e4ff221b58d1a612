import type { DataSource } from "typeorm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OutboxJobEntity } from "../../../src/db/outbox-job.entity";
import { isUniqueViolation } from "../../../src/db/unique-violation";
import { AppError, ErrorCode, isAppError } from "../../../src/errors";
import { verifyChain } from "../../../src/tickets/audit-hash";
import { TicketStore } from "../../../src/tickets/ticket.store";
import type { NewOutboxJob } from "../../../src/tickets/ticket-store.types";
import { anAuditEvent, aNewTicket, createdTicket, newId, openTestDatabase, rejection, startDiagnosis } from "./support/test-database";

const aJob = (idempotencyKey: string, overrides: Partial<NewOutboxJob> = {}): NewOutboxJob => ({
  kind: "ADD_NOTE",
  idempotencyKey,
  payload: { note: idempotencyKey },
  nextAttemptAt: new Date("2025-03-01T09:05:00.000Z"),
  ...overrides,
});

describe("TicketStore writes on SQLite (prepared statements in group commits)", () => {
  let dataSource: DataSource;
  let close: () => Promise<void>;
  let store: TicketStore;
  /** How many group transactions the store has committed so far. */
  const batches = (): number => store.groupCommitStats()!.batches;

  beforeAll(async () => {
    ({ dataSource, close } = await openTestDatabase("sqlite"));
    store = new TicketStore(dataSource);
  });
  afterAll(async () => close());


  const outboxOf = (ticketId: string): Promise<OutboxJobEntity[]> =>
    dataSource.manager.find(OutboxJobEntity, { where: { ticketId }, order: { idempotencyKey: "ASC" } });
  const outboxWithKey = (idempotencyKey: string): Promise<number> =>
    dataSource.manager.count(OutboxJobEntity, { where: { idempotencyKey } });

  it("lets exactly 1 of 10 transitions with the same expectedVersion in one batch win; 9 get VERSION_CONFLICT", async () => {
    const ticket = await createdTicket(store);
    const before = batches();

    const outcomes = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) =>
        store.appendTransition(
          startDiagnosis(ticket, {
            changes: { ...startDiagnosis(ticket).changes, assigneeId: `agent-${i}` },
            event: anAuditEvent({ type: "START_DIAGNOSIS", fromState: "intake", toState: "diagnosis", payload: { contender: i } }),
            outbox: [aJob(`notify-${ticket.id}-${i}`)],
          }),
        ),
      ),
    );

    expect(batches() - before).toBe(1);
    const winners = outcomes.flatMap((o) => (o.status === "fulfilled" ? [o.value] : []));
    const losers = outcomes.flatMap((o) => (o.status === "rejected" ? [o.reason as unknown] : []));
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(9);
    for (const error of losers) {
      expect(error).toBeInstanceOf(AppError);
      expect(isAppError(error) ? { code: error.code, details: error.details } : error).toEqual({
        code: ErrorCode.VERSION_CONFLICT,
        details: { currentVersion: 2 },
      });
    }

    const winner = winners[0]!;
    const stored = await store.findById(ticket.id);
    expect(stored).toEqual(winner.ticket);
    expect(stored?.version).toBe(2);
    const events = await store.listEvents(ticket.id);
    expect(events.map((e) => e.sequence)).toEqual([1, 2]);
    expect(events[1]).toEqual(winner.event);
    expect(verifyChain(events)).toEqual({ ok: true });
    const jobs = await outboxOf(ticket.id);
    expect(jobs.map((job) => job.idempotencyKey)).toEqual([`notify-${ticket.id}-${String(winner.ticket.assigneeId).slice("agent-".length)}`]);
  });

  it("fails only the transition whose outbox key is taken; a transition on another ticket in the same batch commits", async () => {
    const a = await createdTicket(store);
    const b = await createdTicket(store);
    const takenKey = `taken-${a.id}`;
    const { ticket: aBefore } = await store.appendTransition(startDiagnosis(a, { outbox: [aJob(takenKey)] }));
    const aEventsBefore = await store.listEvents(a.id);
    const freshKeyOfA = `fresh-${a.id}`;
    const keyOfB = `b-${b.id}`;
    const before = batches();

    const [aOutcome, bOutcome] = await Promise.allSettled([
      store.appendTransition({
        ticketId: a.id,
        expectedVersion: aBefore.version,
        changes: { snapshot: { value: "resolution" }, state: "resolution", statePath: "resolution", updatedAt: new Date("2025-03-01T10:00:00.000Z") },
        event: anAuditEvent({ type: "PROPOSE_RESOLUTION", fromState: "diagnosis", toState: "resolution", payload: {} }),
        // The first job is new: it must be rolled back with the rest of this transition.
        outbox: [aJob(freshKeyOfA), aJob(takenKey)],
      }),
      store.appendTransition(startDiagnosis(b, { outbox: [aJob(keyOfB)] })),
    ]);

    expect(batches() - before).toBe(1);
    expect(aOutcome?.status).toBe("rejected");
    const aError = (aOutcome as PromiseRejectedResult).reason as unknown;
    expect(isAppError(aError)).toBe(false);
    expect(isUniqueViolation(aError)).toBe(true);
    expect(await store.findById(a.id)).toEqual(aBefore);
    expect(await store.listEvents(a.id)).toEqual(aEventsBefore);
    expect(await outboxWithKey(freshKeyOfA)).toBe(0);
    expect((await outboxOf(a.id)).map((job) => job.idempotencyKey)).toEqual([takenKey]);

    expect(bOutcome?.status).toBe("fulfilled");
    expect((await store.findById(b.id))?.version).toBe(2);
    const bEvents = await store.listEvents(b.id);
    expect(bEvents.map((e) => e.sequence)).toEqual([1, 2]);
    expect(verifyChain(bEvents)).toEqual({ ok: true });
    expect((await outboxOf(b.id)).map((job) => job.idempotencyKey)).toEqual([keyOfB]);
  });

  it("commits the first of two transitions in one batch that enqueue the same new outbox key and fails the second alone", async () => {
    const first = await createdTicket(store);
    const second = await createdTicket(store);
    const sharedKey = `shared-${newId()}`;
    const before = batches();

    const outcomes = await Promise.allSettled([
      store.appendTransition(startDiagnosis(first, { outbox: [aJob(sharedKey)] })),
      store.appendTransition(startDiagnosis(second, { outbox: [aJob(sharedKey)] })),
    ]);

    expect(batches() - before).toBe(1);
    expect(outcomes.map((o) => o.status)).toEqual(["fulfilled", "rejected"]);
    expect(isUniqueViolation((outcomes[1] as PromiseRejectedResult).reason)).toBe(true);
    expect((await store.findById(first.id))?.version).toBe(2);
    expect(await store.findById(second.id)).toEqual(second);
    expect(await store.countEvents(second.id)).toBe(1);
    expect((await outboxOf(first.id)).map((job) => job.idempotencyKey)).toEqual([sharedKey]);
    expect(await outboxOf(second.id)).toEqual([]);
  });

  it("refuses a transition on a missing ticket with NOT_FOUND without disturbing the rest of its batch", async () => {
    const ticket = await createdTicket(store);
    const missingId = newId();
    const [missing, present] = await Promise.allSettled([
      store.appendTransition(startDiagnosis({ ...ticket, id: missingId })),
      store.appendTransition(startDiagnosis(ticket)),
    ]);

    expect(missing?.status).toBe("rejected");
    const error = (missing as PromiseRejectedResult).reason as unknown;
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: ErrorCode.NOT_FOUND });
    expect(await store.findById(missingId)).toBeNull();
    expect(await store.countEvents(missingId)).toBe(0);
    expect(present?.status).toBe("fulfilled");
    expect((await store.findById(ticket.id))?.version).toBe(2);
  });

  it("answers a create with an idempotency key used before with 'duplicate' and the first ticket, writing nothing", async () => {
    const key = `key-${newId()}`;
    const first = await store.createTicket(aNewTicket({ idempotencyKey: key, requestFingerprint: "fp-1" }), anAuditEvent(), [aJob(`first-${key}`)]);
    const second = await store.createTicket(
      aNewTicket({ idempotencyKey: key, requestFingerprint: "fp-2", title: "Another" }),
      anAuditEvent(),
      [aJob(`second-${key}`)],
    );

    expect(first.outcome).toBe("created");
    expect(second).toEqual({ outcome: "duplicate", ticket: first.ticket });
    expect(await store.findByIdempotencyKey(key)).toEqual(first.ticket);
    expect(await store.countEvents(first.ticket.id)).toBe(1);
    expect(await outboxWithKey(`second-${key}`)).toBe(0);
  });

  it("creates one ticket when two creates with the same idempotency key share a batch: one 'created', one 'duplicate'", async () => {
    const key = `race-${newId()}`;
    const before = batches();
    const [a, b] = await Promise.all([
      store.createTicket(aNewTicket({ idempotencyKey: key, title: "first" }), anAuditEvent(), [aJob(`a-${key}`)]),
      store.createTicket(aNewTicket({ idempotencyKey: key, title: "second" }), anAuditEvent(), [aJob(`b-${key}`)]),
    ]);

    expect(batches() - before).toBe(1);
    expect(a?.outcome).toBe("created");
    expect(b).toEqual({ outcome: "duplicate", ticket: a?.ticket });
    expect(await store.findByIdempotencyKey(key)).toEqual(a?.ticket);
    expect(await store.countEvents(a!.ticket.id)).toBe(1);
    expect(await outboxWithKey(`a-${key}`)).toBe(1);
    expect(await outboxWithKey(`b-${key}`)).toBe(0);
  });
});

describe("TicketStore rows on SQLite equal the PostgreSQL path's rows for the same inputs", () => {
  const stores: Record<"sqlite" | "postgres", { dataSource: DataSource; close(): Promise<void>; store: TicketStore }> = {} as never;

  beforeAll(async () => {
    for (const kind of ["sqlite", "postgres"] as const) {
      const opened = await openTestDatabase(kind);
      stores[kind] = { ...opened, store: new TicketStore(opened.dataSource) };
    }
  });
  afterAll(async () => {
    await Promise.all(Object.values(stores).map((s) => s.close()));
  });

  /** The same sequence of writes (fixed ticket id, times and keys); returns what the store answered, ids removed. */
  async function writeHistory(store: TicketStore, ticketId: string): Promise<unknown[]> {
    const key = `parity-${ticketId}`;
    const created = await store.createTicket(
      aNewTicket({ id: ticketId, idempotencyKey: key, requestFingerprint: "fp-parity", channel: null }),
      anAuditEvent({ payload: { channel: "email", nested: { z: [1, 2.5, null], a: "ü" } } }),
      [aJob(`${key}-welcome`, { kind: "SEND_ACK", payload: { b: 1, a: [true] } })],
    );
    if (created.outcome !== "created") throw new Error("expected a new ticket");
    const diagnosis = await store.appendTransition(
      startDiagnosis(created.ticket, {
        changes: { ...startDiagnosis(created.ticket).changes, severity: "critical" },
        outbox: [aJob(`${key}-file`, { kind: "FILE_SERVICE_REQUEST", nextAttemptAt: new Date("2025-03-01T09:06:00.000Z") })],
      }),
    );
    const unassigned = await store.appendTransition({
      ticketId,
      expectedVersion: diagnosis.ticket.version,
      changes: {
        snapshot: { value: "diagnosis", context: { notes: ["unassigned"] } },
        state: "diagnosis",
        statePath: "diagnosis",
        assigneeId: null,
        machineVersion: 2,
        updatedAt: new Date("2025-03-01T09:07:00.000Z"),
      },
      event: anAuditEvent({ type: "UNASSIGN", fromState: "diagnosis", toState: "diagnosis", payload: {}, at: new Date("2025-03-01T09:07:00.000Z") }),
    });
    const duplicate = await store.createTicket(aNewTicket({ idempotencyKey: key, title: "again" }), anAuditEvent());
    const conflict = await rejection(store.appendTransition(startDiagnosis(created.ticket)));
    return [
      { ...created, event: { ...created.event, id: undefined } },
      { ...diagnosis, event: { ...diagnosis.event, id: undefined } },
      { ...unassigned, event: { ...unassigned.event, id: undefined } },
      duplicate,
      isAppError(conflict) ? { code: conflict.code, details: conflict.details } : conflict,
    ];
  }

  async function storedRows(dataSource: DataSource, kind: "sqlite" | "postgres", ticketId: string): Promise<Record<string, unknown>> {
    const p = kind === "postgres" ? "$1" : "?";
    const withoutId = (rows: Record<string, unknown>[]): Record<string, unknown>[] => rows.map(({ id: _id, ...rest }) => rest);
    return {
      ticket: (await dataSource.query(`SELECT * FROM ticket WHERE id = ${p}`, [ticketId])) as unknown,
      events: withoutId(await dataSource.query(`SELECT * FROM ticket_event WHERE ticket_id = ${p} ORDER BY sequence`, [ticketId])),
      outbox: withoutId(await dataSource.query(`SELECT * FROM outbox_job WHERE ticket_id = ${p} ORDER BY idempotency_key`, [ticketId])),
    };
  }

  it("stores the same ticket, event and outbox rows, field by field (row ids aside), and answers the same", async () => {
    const ticketId = newId();
    const answers = {
      sqlite: await writeHistory(stores.sqlite.store, ticketId),
      postgres: await writeHistory(stores.postgres.store, ticketId),
    };
    const rows = {
      sqlite: await storedRows(stores.sqlite.dataSource, "sqlite", ticketId),
      postgres: await storedRows(stores.postgres.dataSource, "postgres", ticketId),
    };

    expect(rows.sqlite.ticket).toHaveLength(1);
    expect(rows.sqlite.events).toHaveLength(3);
    expect(rows.sqlite.outbox).toHaveLength(2);
    expect(rows.sqlite).toEqual(rows.postgres);
    expect(answers.sqlite).toEqual(answers.postgres);
    expect(answers.sqlite[4]).toEqual({ code: ErrorCode.VERSION_CONFLICT, details: { currentVersion: 3 } });
  });
});
