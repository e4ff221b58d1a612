import { afterEach, describe, expect, it } from "vitest";
import { revertLastMigration, runMigrations } from "../../../src/db/data-source";
import { CallerScopedState1767225601300 } from "../../../src/db/migrations/caller-scoped-state.migration";
import { migrations } from "../../../src/db/migrations/migration-list";
import { scopedIdempotencyKey } from "../../../src/tickets/idempotency-scope";
import { TicketStore } from "../../../src/tickets/ticket.store";
import { aNewTicket, anAuditEvent, dbKinds, openTestDatabase } from "./support/test-database";

/**
 * The upgrade of issue 13 on a database written by the previous version: plain-text bearer tokens
 * are deleted, and raw idempotency keys become the caller-scoped form, so a client retrying across
 * the upgrade still gets its ticket back.
 */
describe.each(dbKinds)("CallerScopedState migration (%s)", (kind) => {
  const closers: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const close of closers.splice(0)) await close();
  });

  it("rescopes legacy idempotency keys and deletes legacy plain-text sign-ins", async () => {
    const { dataSource, close } = await openTestDatabase(kind);
    closers.push(close);
    // Tickets written through today's store (its entity has columns of later migrations), with a
    // raw key as the version before issue 13 stored it; CallerScopedState's down leaves keys as they are.
    const store = new TicketStore(dataSource);
    const created = await store.createTicket(aNewTicket({ idempotencyKey: "legacy-key", createdBy: "agent-hugo" }), anAuditEvent());
    const keyless = await store.createTicket(aNewTicket({ idempotencyKey: null }), anAuditEvent());
    // Back to the schema of the version before issue 13: revert every migration from CallerScopedState on.
    const laterMigrations = migrations.slice(migrations.indexOf(CallerScopedState1767225601300)).map((m) => m.name);
    for (let i = 0; i < laterMigrations.length; i++) await revertLastMigration(dataSource);
    const p = (n: number) => (kind === "sqlite" ? "?" : `$${n}`);
    const plainToken = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhZ2VudC1odWdvIn0.bGVnYWN5LXNpZ25hdHVyZQ";
    await dataSource.query(
      `INSERT INTO escalation_assertion (ticket_id, agent_id, assertion, expires_at, updated_at) VALUES (${p(1)}, ${p(2)}, ${p(3)}, ${p(4)}, ${p(5)})`,
      [created.ticket.id, "agent-hugo", plainToken, "2999-01-01T00:00:00.000Z", "2025-01-01T00:00:00.000Z"],
    );

    expect((await runMigrations(dataSource)).map((m) => m.name)).toEqual(laterMigrations);
    const scoped = scopedIdempotencyKey("agent-hugo", created.ticket.customerId, "legacy-key");
    expect((await store.findByIdempotencyKey(scoped))?.id).toBe(created.ticket.id);
    expect(await store.findByIdempotencyKey("legacy-key")).toBeNull();
    expect((await store.findById(keyless.ticket.id))?.idempotencyKey).toBeNull();
    expect(await dataSource.query(`SELECT ticket_id FROM escalation_assertion`)).toEqual([]);
  });
});
