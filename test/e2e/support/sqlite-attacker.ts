import Database from "better-sqlite3";
import { replayTicketEvents, startTicket, statePathOf, topLevelStateOf, TICKET_MACHINE_VERSION, type OpenTicketFacts, type TicketActor } from "../../../machines";
import type { TicketEventEntity } from "../../../src/db/ticket-event.entity";
import { computeGlobalHash } from "../../../src/tickets/audit-global-chain";
import { canonicalJson, computeEventHash } from "../../../src/tickets/audit-hash";
import { machineEventOf } from "../../../src/tickets/audit-verifier";
import { nextEventRow, type ChainHead } from "../../../src/tickets/ticket-rows";
import { toStoredTicketEvent } from "../../../src/tickets/ticket-store.mapper";

/**
 * Someone with write access to the SQLite file and this repository's code, but not the audit
 * signing key: drops the append-only triggers and rewrites history the way the code would have
 * written it (per-ticket hashes, global chain, head row, ticket rows recomputed by replay).
 */
export class SqliteAttacker {
  readonly db: Database.Database;

  constructor(file: string) {
    this.db = new Database(file);
    for (const trigger of ["ticket_event_no_update", "ticket_event_no_delete", "audit_checkpoint_no_update", "audit_checkpoint_no_delete"]) {
      this.db.exec(`DROP TRIGGER IF EXISTS ${trigger}`);
    }
  }

  close(): void {
    this.db.close();
  }

  events(ticketId: string): TicketEventEntity[] {
    return this.db.prepare(`SELECT ${EVENT_SELECT} FROM ticket_event WHERE ticket_id = ? ORDER BY sequence`).all(ticketId) as TicketEventEntity[];
  }

  /** Recomputes prev_hash/hash of the ticket's events from its first one. */
  rechainTicket(ticketId: string): void {
    let previous: string | null = null;
    const update = this.db.prepare(`UPDATE ticket_event SET prev_hash = ?, hash = ? WHERE id = ?`);
    for (const row of this.events(ticketId)) {
      const event = toStoredTicketEvent(row);
      const hash = computeEventHash(event, previous);
      update.run(previous, hash, row.id);
      previous = hash;
    }
  }

  /** Renumbers the global sequence 1..N in the given order (default: the current one) and recomputes every link and the head. */
  rechainGlobal(order = "coalesce(global_sequence, 9e18), at, ticket_id, sequence"): void {
    const rows = this.db.prepare(`SELECT id, hash FROM ticket_event ORDER BY ${order}`).all() as { id: string; hash: string }[];
    this.db.exec(`DROP INDEX IF EXISTS ux_ticket_event_global_sequence`);
    const update = this.db.prepare(`UPDATE ticket_event SET global_sequence = ?, global_hash = ? WHERE id = ?`);
    let previous: string | null = null;
    rows.forEach((row, index) => {
      const hash = computeGlobalHash(index + 1, row.hash, previous);
      update.run(index + 1, hash, row.id);
      previous = hash;
    });
    this.db.exec(`CREATE UNIQUE INDEX ux_ticket_event_global_sequence ON ticket_event (global_sequence)`);
    this.db.prepare(`UPDATE audit_head SET sequence = ?, hash = ? WHERE id = 1`).run(rows.length, previous);
  }

  /** Rewrites the ticket row from the replay of its (possibly rewritten) events. */
  recomputeRow(ticketId: string): void {
    const events = this.events(ticketId).map(toStoredTicketEvent);
    const snapshot = replayTicketEvents(events.map(machineEventOf));
    const context = snapshot.context;
    this.db
      .prepare(
        `UPDATE ticket SET customer_id = ?, title = ?, description = ?, severity = ?, category = ?, product = ?, channel = ?, assignee_id = ?,
         state = ?, state_path = ?, snapshot = ?, version = ?, created_by = ?, created_at = ?, updated_at = ? WHERE id = ?`,
      )
      .run(
        context.customerId, context.title, context.description, context.severity, context.category, context.product, context.channel, context.assigneeId,
        topLevelStateOf(snapshot), statePathOf(snapshot), JSON.stringify(snapshot), events.length, events[0]!.actor.id,
        events[0]!.at.toISOString(), events.at(-1)!.at.toISOString(), ticketId,
      );
  }

  ticketIds(): string[] {
    return (this.db.prepare(`SELECT id FROM ticket ORDER BY id`).all() as { id: string }[]).map((row) => row.id);
  }

  /**
   * A ticket that never existed, opened at `at` with a valid per-ticket chain and a row that
   * matches its replay; its events get global sequences after `afterGlobalSequence` (the others
   * move up) unless `appendAtEnd`, then the whole global chain is recomputed.
   */
  forgeTicket(options: { ticketId: string; customerId: string; at: Date; afterGlobalSequence?: number }): void {
    const actor: TicketActor = { id: "agent-hugo", displayName: "Hugo Helpdesk", role: "HELPDESK_AGENT" };
    const facts: OpenTicketFacts = {
      ticketId: options.ticketId,
      customerId: options.customerId,
      title: "Refund approved by phone",
      description: "Customer was promised a full refund.",
      category: "BILLING",
      product: "MICROSOFT_365",
      severity: "MINIMAL",
      channel: null,
      at: options.at.toISOString(),
      actor,
    };
    const started = startTicket(facts);
    const { at: _at, actor: _actor, ...payload } = facts;
    const head: ChainHead | null = null;
    const row = nextEventRow(options.ticketId, options.customerId, head, {
      type: "OPEN",
      fromState: "",
      toState: started.statePath,
      actor,
      payload,
      at: options.at,
      machineVersion: TICKET_MACHINE_VERSION,
    });
    const at = options.at.toISOString();
    this.db
      .prepare(
        `INSERT INTO ticket (id, customer_id, title, description, category, product, severity, channel, state, state_path, assignee_id, snapshot,
         machine_version, version, idempotency_key, request_fingerprint, created_by, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, 1, NULL, NULL, ?, ?, ?)`,
      )
      .run(
        options.ticketId, facts.customerId, facts.title, facts.description, facts.category, facts.product, facts.severity, facts.channel,
        started.statePath.split(".")[0], started.statePath, JSON.stringify(started.snapshot), TICKET_MACHINE_VERSION, actor.id, at, at,
      );
    // Placed after `afterGlobalSequence` (as x.5, renumbered by rechainGlobal), or at the end.
    const position = options.afterGlobalSequence === undefined ? 9e17 : options.afterGlobalSequence + 0.5;
    this.db.exec(`DROP INDEX IF EXISTS ux_ticket_event_global_sequence`);
    this.db
      .prepare(
        `INSERT INTO ticket_event (id, ticket_id, customer_id, sequence, type, from_state, to_state, actor_id, actor_name, actor_role, payload, at,
         machine_version, prev_hash, hash, global_sequence, global_hash) VALUES (?, ?, ?, 1, 'OPEN', '', ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, NULL)`,
      )
      .run(row.id, options.ticketId, options.customerId, row.toState, actor.id, actor.displayName, actor.role, canonicalJson(payload), at, TICKET_MACHINE_VERSION, row.hash, position);
    this.rechainGlobal("global_sequence");
  }
}

const EVENT_SELECT = [
  ["id", "id"],
  ["ticket_id", "ticketId"],
  ["customer_id", "customerId"],
  ["sequence", "sequence"],
  ["type", "type"],
  ["from_state", "fromState"],
  ["to_state", "toState"],
  ["actor_id", "actorId"],
  ["actor_name", "actorName"],
  ["actor_role", "actorRole"],
  ["payload", "payload"],
  ["at", "at"],
  ["machine_version", "machineVersion"],
  ["prev_hash", "prevHash"],
  ["hash", "hash"],
  ["global_sequence", "globalSequence"],
  ["global_hash", "globalHash"],
]
  .map(([column, property]) => `"${column}" AS "${property}"`)
  .join(", ");
