import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pino } from "pino";
import type { DataSource } from "typeorm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runMigrations, revertLastMigration } from "../../../src/db/data-source";
import { AuditChainBrokenError, checkCheckpointSignature, listCheckpoints, writeCheckpoint } from "../../../src/tickets/audit-checkpoint";
import { AuditCheckpointer } from "../../../src/tickets/audit-checkpointer";
import { computeGlobalHash } from "../../../src/tickets/audit-global-chain";
import { verifyGlobalChain } from "../../../src/tickets/audit-global-verifier";
import { auditKeyId, loadAuditSigningKey, type AuditSigningKey } from "../../../src/tickets/audit-signing-key";
import { TicketEntity } from "../../../src/db/ticket.entity";
import { newTicketRow, nextEventRow } from "../../../src/tickets/ticket-rows";
import { TicketStore } from "../../../src/tickets/ticket.store";
import type { TicketRecord } from "../../../src/tickets/ticket-store.types";
import { anAuditEvent, aNewTicket, dbKinds, openTestDatabase, rejection, startDiagnosis } from "../db/support/test-database";

const TICKETS = 12;
const WRITERS = 60;

interface GlobalRow {
  global_sequence: number;
  global_hash: string;
  hash: string;
}

describe.each(dbKinds)("the global audit sequence (%s)", (kind) => {
  let dataSource: DataSource;
  let close: () => Promise<void>;
  let store: TicketStore;
  let key: AuditSigningKey;
  let keyDir: string;

  beforeAll(async () => {
    ({ dataSource, close } = await openTestDatabase(kind));
    store = new TicketStore(dataSource);
    keyDir = mkdtempSync(join(tmpdir(), "psg-audit-key-"));
    key = loadAuditSigningKey(join(keyDir, "audit-signing-key.pem"), { create: true });
  });
  afterAll(async () => {
    await close();
    rmSync(keyDir, { recursive: true, force: true });
  });

  const globalRows = async (): Promise<GlobalRow[]> =>
    ((await dataSource.query(`SELECT global_sequence, global_hash, hash FROM ticket_event ORDER BY global_sequence`)) as GlobalRow[]).map((row) => ({
      ...row,
      global_sequence: Number(row.global_sequence),
    }));

  /** `WRITERS` concurrent transitions over `tickets`, a third of them losing a version race (rolled back). */
  async function concurrentTransitions(tickets: TicketRecord[]): Promise<{ won: number; lost: number }> {
    const outcomes = await Promise.allSettled(
      Array.from({ length: WRITERS }, (_, index) => {
        const ticket = tickets[index % tickets.length]!;
        // Same expectedVersion for every writer of a ticket: one wins per ticket, the rest conflict.
        return store.appendTransition(startDiagnosis(ticket, { event: anAuditEvent({ type: "START_DIAGNOSIS", payload: { writer: index }, at: new Date() }) }));
      }),
    );
    return { won: outcomes.filter((o) => o.status === "fulfilled").length, lost: outcomes.filter((o) => o.status === "rejected").length };
  }

  it("numbers every event 1..N without gaps under concurrent writers and rollbacks, each linked to the one before", async () => {
    const created = await Promise.all(
      Array.from({ length: TICKETS }, (_, index) => store.createTicket(aNewTicket({ title: `ticket ${index}`, createdAt: new Date() }), anAuditEvent({ at: new Date() }))),
    );
    const tickets = created.map((result) => result.ticket);
    const { won, lost } = await concurrentTransitions(tickets);
    expect(won).toBe(TICKETS);
    expect(lost).toBe(WRITERS - TICKETS);

    const rows = await globalRows();
    expect(rows.map((row) => row.global_sequence)).toEqual(Array.from({ length: 2 * TICKETS }, (_, index) => index + 1));
    let previous: string | null = null;
    for (const row of rows) {
      expect(row.global_hash).toBe(computeGlobalHash(row.global_sequence, row.hash, previous));
      previous = row.global_hash;
    }
    const head = (await dataSource.query(`SELECT sequence, hash FROM audit_head WHERE id = 1`)) as { sequence: number; hash: string }[];
    expect({ sequence: Number(head[0]!.sequence), hash: head[0]!.hash }).toEqual({ sequence: 2 * TICKETS, hash: previous });
    expect((await verifyGlobalChain(store, { externalCheckpoints: [], publicKeys: [key] })).findings).toEqual([]);
  });

  it("leaves no gap when a write fails after taking its global sequence (duplicate outbox key)", async () => {
    const before = (await globalRows()).length;
    const ticket = (await store.createTicket(aNewTicket({ createdAt: new Date() }), anAuditEvent({ at: new Date() }))).ticket;
    const job = { kind: "NOTIFY", idempotencyKey: `dup-${ticket.id}`, payload: {}, nextAttemptAt: new Date() };
    const first = await store.appendTransition(startDiagnosis(ticket, { outbox: [job], event: anAuditEvent({ at: new Date() }) }));
    const failing = await rejection(
      store.appendTransition({ ...startDiagnosis(first.ticket, { event: anAuditEvent({ at: new Date() }) }), outbox: [job] }),
    );
    expect(failing).toBeInstanceOf(Error);
    const after = await store.appendTransition(startDiagnosis(first.ticket, { event: anAuditEvent({ at: new Date() }) }));
    const rows = await globalRows();
    expect(rows.length).toBe(before + 3);
    expect(rows.map((row) => row.global_sequence)).toEqual(Array.from({ length: before + 3 }, (_, index) => index + 1));
    expect(after.event.sequence).toBe(3);
  });

  it("signs checkpoints that chain range to range and verify with the public key alone", async () => {
    const first = await writeCheckpoint(dataSource, key);
    expect(first).not.toBeNull();
    expect(await writeCheckpoint(dataSource, key)).toBeNull(); // nothing new
    const tickets = (await store.listTickets({}, { first: 3 })).items.map((item) => item.node);
    await concurrentTransitions(tickets);
    const second = (await writeCheckpoint(dataSource, key))!;
    expect(second.fromSequence).toBe(first!.sequence);
    expect(second.tickets.map(([ticketId]) => ticketId).sort()).toEqual(tickets.map((ticket) => ticket.id).sort());
    const stored = await listCheckpoints(dataSource);
    expect(stored).toEqual([first, second]);
    const publicOnly = { keyId: key.keyId, publicKey: key.publicKey };
    expect(stored.map((checkpoint) => checkCheckpointSignature(checkpoint, [publicOnly]))).toEqual(["valid", "valid"]);
    const stranger = generateKeyPairSync("ed25519").publicKey;
    expect(checkCheckpointSignature(second, [{ keyId: auditKeyId(stranger), publicKey: stranger }])).toBe("unknown-key");
    expect(checkCheckpointSignature({ ...second, headHash: "0".repeat(64) }, [publicOnly])).toBe("invalid");
    expect((await verifyGlobalChain(store, { externalCheckpoints: [], publicKeys: [publicOnly] })).findings).toEqual([]);
  });

  it("signs on an interval while running and once more on stop", async () => {
    const checkpointer = new AuditCheckpointer({ dataSource, key, intervalMs: 1_000, log: pino({ level: "silent" }) });
    const before = (await listCheckpoints(dataSource)).length;
    await store.createTicket(aNewTicket({ createdAt: new Date() }), anAuditEvent({ at: new Date() }));
    checkpointer.start();
    try {
      await expect.poll(async () => (await listCheckpoints(dataSource)).length, { timeout: 5_000, interval: 100 }).toBe(before + 1);
      await store.createTicket(aNewTicket({ createdAt: new Date() }), anAuditEvent({ at: new Date() }));
    } finally {
      await checkpointer.stop();
    }
    const after = await listCheckpoints(dataSource);
    expect(after).toHaveLength(before + 2);
    const head = Number(((await dataSource.query(`SELECT sequence FROM audit_head WHERE id = 1`)) as { sequence: number }[])[0]!.sequence);
    expect(after.at(-1)!.sequence).toBe(head);
  });

  it("refuses to sign a chain whose events since the last checkpoint no longer link up", async () => {
    const ticket = (await store.createTicket(aNewTicket({ createdAt: new Date() }), anAuditEvent({ at: new Date() }))).ticket;
    const head = Number(((await dataSource.query(`SELECT sequence FROM audit_head WHERE id = 1`)) as { sequence: number }[])[0]!.sequence);
    if (kind === "postgres") {
      await dataSource.query(`ALTER TABLE ticket_event DISABLE TRIGGER ticket_event_no_update_delete`);
      await dataSource.query(`UPDATE ticket_event SET global_hash = $1 WHERE global_sequence = $2`, ["f".repeat(64), head]);
      await dataSource.query(`ALTER TABLE ticket_event ENABLE TRIGGER ticket_event_no_update_delete`);
    } else {
      await dataSource.query(`DROP TRIGGER ticket_event_no_update`);
      await dataSource.query(`UPDATE ticket_event SET global_hash = ? WHERE global_sequence = ?`, ["f".repeat(64), head]);
    }
    const error = await rejection(writeCheckpoint(dataSource, key));
    expect(error).toBeInstanceOf(AuditChainBrokenError);
    expect((error as AuditChainBrokenError).ticketId).toBe(ticket.id);
    const findings = (await verifyGlobalChain(store, { externalCheckpoints: [], publicKeys: [key] })).findings;
    expect(findings.map((finding) => [finding.kind, finding.ticketId])).toContainEqual(["GLOBAL_CHAIN", ticket.id]);
  });
});

describe.each(dbKinds)("the audit-anchor migration on existing events (%s)", (kind) => {
  let dataSource: DataSource;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ dataSource, close } = await openTestDatabase(kind));
  });
  afterAll(async () => close());

  it("places existing events in the global chain by (time, ticket, sequence) and keeps their per-ticket hashes", async () => {
    // The tickets first, through today's entity (it has columns of later migrations, whose downs keep the rows);
    // then back to the schema before the anchor (later migrations first), and events as the old code wrote them.
    const ticketIds = ["bbbbbbbb-0000-4000-8000-000000000002", "aaaaaaaa-0000-4000-8000-000000000001"];
    for (const id of ticketIds) await dataSource.manager.insert(TicketEntity, newTicketRow(aNewTicket({ id })));
    for (;;) {
      const [last] = (await dataSource.query(`SELECT name FROM migrations ORDER BY id DESC LIMIT 1`)) as { name: string }[];
      await revertLastMigration(dataSource);
      if (last!.name.startsWith("AuditAnchor")) break;
    }
    const p = (n: number) => (kind === "postgres" ? `$${n}` : "?");
    const at = (minute: number) => new Date(Date.UTC(2025, 2, 1, 9, minute));
    const plan = [
      { ticket: "bbbbbbbb-0000-4000-8000-000000000002", sequence: 1, minute: 0 },
      { ticket: "aaaaaaaa-0000-4000-8000-000000000001", sequence: 1, minute: 0 },
      { ticket: "aaaaaaaa-0000-4000-8000-000000000001", sequence: 2, minute: 7 },
      { ticket: "bbbbbbbb-0000-4000-8000-000000000002", sequence: 2, minute: 3 },
    ];
    const hashes = new Map<string, string>();
    for (const step of plan) {
      const previous = step.sequence === 1 ? null : { sequence: step.sequence - 1, hash: hashes.get(step.ticket)! };
      const row = nextEventRow(step.ticket, "cust-1", previous, anAuditEvent({ at: at(step.minute) }));
      hashes.set(step.ticket, row.hash);
      await dataSource.query(
        `INSERT INTO ticket_event (id, ticket_id, customer_id, sequence, type, from_state, to_state, actor_id, actor_name, actor_role, payload, at, machine_version, prev_hash, hash)
         VALUES (${Array.from({ length: 15 }, (_, index) => p(index + 1)).join(", ")})`,
        [row.id, row.ticketId, row.customerId, row.sequence, row.type, row.fromState, row.toState, row.actorId, row.actorName, row.actorRole, row.payload, row.at, row.machineVersion, row.prevHash, row.hash],
      );
    }
    await runMigrations(dataSource);
    const rows = (await dataSource.query(`SELECT ticket_id, sequence, hash, global_sequence, global_hash FROM ticket_event ORDER BY global_sequence`)) as {
      ticket_id: string;
      sequence: number;
      hash: string;
      global_sequence: number;
      global_hash: string;
    }[];
    expect(rows.map((row) => [row.ticket_id.slice(0, 1), Number(row.sequence), Number(row.global_sequence)])).toEqual([
      ["a", 1, 1],
      ["b", 1, 2],
      ["b", 2, 3],
      ["a", 2, 4],
    ]);
    let previous: string | null = null;
    for (const row of rows) {
      expect(row.global_hash).toBe(computeGlobalHash(Number(row.global_sequence), row.hash, previous));
      previous = row.global_hash;
    }
    const head = (await dataSource.query(`SELECT sequence, hash FROM audit_head`)) as { sequence: number; hash: string }[];
    expect(head.map((row) => [Number(row.sequence), row.hash])).toEqual([[4, previous]]);
    // The append-only triggers are back.
    await expect(dataSource.query(`UPDATE ticket_event SET payload = '{}'`)).rejects.toThrow(/append-only/);
  });
});
