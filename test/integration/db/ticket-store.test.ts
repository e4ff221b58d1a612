import type { DataSource } from "typeorm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OutboxJobEntity } from "../../../src/db/outbox-job.entity";
import { TicketEventEntity } from "../../../src/db/ticket-event.entity";
import { AppError, ErrorCode } from "../../../src/errors";
import { TicketStore } from "../../../src/tickets/ticket.store";
import type { TicketRecord } from "../../../src/tickets/ticket-store.types";
import { anAuditEvent, aNewTicket, createdTicket, dbKinds, newId, openTestDatabase, rejection, startDiagnosis } from "./support/test-database";

describe.each(dbKinds)("TicketStore (%s)", (kind) => {
  let dataSource: DataSource;
  let close: () => Promise<void>;
  let store: TicketStore;

  beforeAll(async () => {
    ({ dataSource, close } = await openTestDatabase(kind));
    store = new TicketStore(dataSource);
  });
  afterAll(async () => close());

  describe("createTicket", () => {
    it("stores the ticket at version 1 with event 1 whose prevHash is null", async () => {
      const result = await store.createTicket(aNewTicket({ assigneeId: "agent-9" }), anAuditEvent());
      expect(result.outcome).toBe("created");
      if (result.outcome !== "created") return;
      expect(result.ticket.version).toBe(1);
      expect(result.ticket.updatedAt).toEqual(result.ticket.createdAt);
      expect(result.event).toMatchObject({ sequence: 1, prevHash: null, ticketId: result.ticket.id });
      expect(result.event.hash).toMatch(/^[0-9a-f]{64}$/);

      const loaded = await store.findById(result.ticket.id);
      expect(loaded).toEqual(result.ticket);
      expect(loaded?.snapshot).toEqual({ status: "active", value: "intake", context: { notes: [] } });
      expect(await store.listEvents(result.ticket.id)).toEqual([result.event]);
      expect(await store.countEvents(result.ticket.id)).toBe(1);
    });

    it("returns the existing ticket for a repeated idempotency key and writes nothing", async () => {
      const key = `key-${newId()}`;
      const first = await store.createTicket(aNewTicket({ idempotencyKey: key, requestFingerprint: "fp-1" }), anAuditEvent());
      const second = await store.createTicket(
        aNewTicket({ idempotencyKey: key, requestFingerprint: "fp-2", title: "Another" }),
        anAuditEvent(),
      );
      expect(first.outcome).toBe("created");
      expect(second).toEqual({ outcome: "duplicate", ticket: first.ticket });
      expect(second.ticket.requestFingerprint).toBe("fp-1");
      expect(await store.findByIdempotencyKey(key)).toEqual(first.ticket);
      expect(await dataSource.manager.count(TicketEventEntity, { where: { ticketId: first.ticket.id } })).toBe(1);
    });

    it("creates exactly one ticket when the same idempotency key races", async () => {
      const key = `race-${newId()}`;
      const results = await Promise.all(
        Array.from({ length: 8 }, () => store.createTicket(aNewTicket({ idempotencyKey: key }), anAuditEvent())),
      );
      expect(results.filter((r) => r.outcome === "created")).toHaveLength(1);
      expect(new Set(results.map((r) => r.ticket.id)).size).toBe(1);
    });

    it("refuses an idempotency key longer than 255 characters as BAD_USER_INPUT", async () => {
      const error = await rejection(store.createTicket(aNewTicket({ idempotencyKey: "k".repeat(256) }), anAuditEvent()));
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({ code: ErrorCode.BAD_USER_INPUT, details: { field: "idempotencyKey" } });
    });

    it("finds nothing for unknown ids and keys", async () => {
      expect(await store.findById(newId())).toBeNull();
      expect(await store.findByIdempotencyKey("never-used")).toBeNull();
    });
  });

  describe("history reads for the ticket's fields", () => {
    it("names an actor as its latest event signed it, and nobody who never acted", async () => {
      const ticket = await createdTicket(store);
      await store.appendTransition(
        startDiagnosis(ticket, {
          event: anAuditEvent({ type: "START_DIAGNOSIS", fromState: "intake", toState: "diagnosis", actor: { id: "agent-1", displayName: "Ada Lovelace", role: "SUPPORT_LEAD" } }),
        }),
      );
      expect(await store.latestActorOf(ticket.id, "agent-1")).toEqual({ id: "agent-1", displayName: "Ada Lovelace", role: "SUPPORT_LEAD" });
      expect(await store.latestActorOf(ticket.id, "agent-404")).toBeNull();
    });

    it("lists every state the ticket's events name, once each", async () => {
      const ticket = await createdTicket(store);
      // This fixture's opening event comes from "none".
      expect([...(await store.visitedStates(ticket.id))].sort()).toEqual(["intake", "none"]);
      await store.appendTransition(startDiagnosis(ticket));
      await store.appendTransition(startDiagnosis((await store.findById(ticket.id))!, { event: anAuditEvent({ type: "ADD_NOTE", fromState: "diagnosis", toState: "diagnosis" }) }));
      expect([...(await store.visitedStates(ticket.id))].sort()).toEqual(["diagnosis", "intake", "none"]);
      expect(await store.visitedStates(newId())).toEqual(new Set());
    });
  });

  describe("appendTransition", () => {
    it("bumps the version, updates the row and chains the next event", async () => {
      const ticket = await createdTicket(store, { assigneeId: "agent-1" });
      const [opened] = await store.listEvents(ticket.id);
      const { ticket: updated, event } = await store.appendTransition(startDiagnosis(ticket));
      expect(updated).toMatchObject({
        version: 2,
        state: "diagnosis",
        statePath: "diagnosis",
        assigneeId: "agent-2",
        severity: "moderate",
        updatedAt: new Date("2025-03-01T09:05:00.000Z"),
        createdAt: ticket.createdAt,
      });
      expect(event).toMatchObject({ sequence: 2, prevHash: opened?.hash, customerId: ticket.customerId });
      expect(await store.findById(ticket.id)).toEqual(updated);
      expect(await store.listEvents(ticket.id, { after: 1 })).toEqual([event]);
    });

    it("leaves the assignee alone when not given and clears it with null", async () => {
      const ticket = await createdTicket(store, { assigneeId: "agent-1" });
      const base = startDiagnosis(ticket);
      const { changes } = base;
      const kept = await store.appendTransition({ ...base, changes: { ...changes, assigneeId: undefined, severity: "critical" } });
      expect(kept.ticket).toMatchObject({ assigneeId: "agent-1", severity: "critical" });
      const cleared = await store.appendTransition({ ...base, expectedVersion: 2, changes: { ...changes, assigneeId: null } });
      expect(cleared.ticket.assigneeId).toBeNull();
    });

    it("refuses a stale expectedVersion with VERSION_CONFLICT and currentVersion, changing nothing", async () => {
      const ticket = await createdTicket(store);
      await store.appendTransition(startDiagnosis(ticket));
      const error = await rejection(store.appendTransition(startDiagnosis(ticket)));
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({ code: ErrorCode.VERSION_CONFLICT, details: { currentVersion: 2 } });
      expect((await store.findById(ticket.id))?.version).toBe(2);
      expect(await store.countEvents(ticket.id)).toBe(2);
    });

    it("refuses an unknown ticket with NOT_FOUND", async () => {
      const ticket = await createdTicket(store);
      const error = await rejection(store.appendTransition(startDiagnosis({ ...ticket, id: newId() })));
      expect(error).toMatchObject({ code: ErrorCode.NOT_FOUND });
    });

    it("enqueues outbox jobs in the same transaction", async () => {
      const ticket = await createdTicket(store);
      const key = `file-${ticket.id}`;
      await store.appendTransition(
        startDiagnosis(ticket, {
          outbox: [
            { kind: "FILE_SERVICE_REQUEST", idempotencyKey: key, payload: { b: 1, a: [true] }, nextAttemptAt: new Date("2025-03-01T09:05:00.000Z") },
          ],
        }),
      );
      const jobs = await dataSource.manager.find(OutboxJobEntity, { where: { ticketId: ticket.id } });
      expect(jobs).toHaveLength(1);
      expect(jobs[0]).toMatchObject({
        kind: "FILE_SERVICE_REQUEST",
        idempotencyKey: key,
        payload: { a: [true], b: 1 },
        status: "pending",
        attempts: 0,
        nextAttemptAt: new Date("2025-03-01T09:05:00.000Z"),
        leaseOwner: null,
      });
      // Stored as sorted-key JSON text and an ISO-8601 time.
      const raw = await dataSource.manager
        .createQueryBuilder(OutboxJobEntity, "j")
        .select("j.payload", "payload")
        .addSelect("j.nextAttemptAt", "nextAttemptAt")
        .where("j.ticketId = :id", { id: ticket.id })
        .getRawOne<{ payload: string; nextAttemptAt: string }>();
      expect(raw).toEqual({ payload: '{"a":[true],"b":1}', nextAttemptAt: "2025-03-01T09:05:00.000Z" });
    });

    it("rolls everything back when a step inside the transaction fails (duplicate outbox key)", async () => {
      const ticket = await createdTicket(store);
      const key = `dup-${ticket.id}`;
      const job = { kind: "ADD_NOTE", idempotencyKey: key, payload: {}, nextAttemptAt: new Date() };
      await store.appendTransition(startDiagnosis(ticket, { outbox: [job] }));
      const before = await store.findById(ticket.id);

      const error = await rejection(
        store.appendTransition(startDiagnosis(before as TicketRecord, {
          changes: { ...startDiagnosis(ticket).changes, state: "resolution", statePath: "resolution" },
          outbox: [job],
        })),
      );
      expect(error).not.toBeInstanceOf(AppError);
      expect(await store.findById(ticket.id)).toEqual(before);
      expect(await store.countEvents(ticket.id)).toBe(2);
      expect(await dataSource.manager.count(OutboxJobEntity, { where: { ticketId: ticket.id } })).toBe(1);

      // The store is still usable afterwards (no transaction left open on the shared connection).
      const next = await store.appendTransition(startDiagnosis(before as TicketRecord));
      expect(next.event.sequence).toBe(3);
    });
  });
});
