import type { Statement } from "better-sqlite3";
import type { DataSource } from "typeorm";
import { withDatabaseLock } from "../db/database-lock";
import { OutboxJobEntity } from "../db/outbox-job.entity";
import { sqliteConnection } from "../db/sqlite-connection";
import { SqliteEntityTable } from "../db/sqlite-entity-table";
import { SqliteGroupCommit, type GroupCommitStats } from "../db/sqlite-group-commit";
import { TicketEventEntity } from "../db/ticket-event.entity";
import { TicketEntity } from "../db/ticket.entity";
import { notFound } from "../errors";
import { chainGlobally, type GlobalHead } from "./audit-global-chain";
import { newTicketRow, nextEventRow, outboxRows, ticketRowChanges, type ChainHead, type TicketRowChanges } from "./ticket-rows";
import { toStoredTicketEvent, toTicketRecord } from "./ticket-store.mapper";
import type { AppendTransitionArgs, AssertionChange, CreateTicketResult, NewAuditEvent, NewOutboxJob, NewTicket, StoredTicketEvent, TicketRecord } from "./ticket-store.types";
import { staleVersion } from "./stale-version.error";
import { assertionStatement, sqlitePlaceholders } from "./assertion-rows";

/**
 * The SQLite write path of TicketStore: the same rows as the TypeORM path (see ticket-rows.ts),
 * written with prepared statements inside group commits (SqliteGroupCommit), so concurrent
 * writers share one fsync and a write costs tens of microseconds of SQL instead of TypeORM's
 * query building. Every write is still one savepoint: ticket row, event and outbox rows commit
 * together or not at all.
 */
export class SqliteTicketWriter {
  private readonly commits: SqliteGroupCommit;
  private readonly tickets: SqliteEntityTable<TicketEntity>;
  private readonly events: SqliteEntityTable<TicketEventEntity>;
  private readonly outbox: SqliteEntityTable<OutboxJobEntity>;
  private readonly updates = new Map<string, Statement>();
  private readonly assertionStatements = new Map<string, Statement>();
  private readonly selectTicket: Record<"id" | "idempotencyKey", Statement>;
  private readonly selectChainHead: Statement;
  private readonly selectGlobalHead: Statement;
  private readonly updateGlobalHead: Statement;

  constructor(private readonly dataSource: DataSource) {
    const db = sqliteConnection(dataSource);
    this.commits = new SqliteGroupCommit(dataSource);
    const t = (this.tickets = new SqliteEntityTable(db, dataSource, TicketEntity));
    const e = (this.events = new SqliteEntityTable(db, dataSource, TicketEventEntity));
    this.outbox = new SqliteEntityTable(db, dataSource, OutboxJobEntity);
    const ticketBy = (property: "id" | "idempotencyKey") => t.prepare(`SELECT ${t.selectList} FROM "${t.name}" WHERE ${t.column(property)} = ?`);
    this.selectTicket = { id: ticketBy("id"), idempotencyKey: ticketBy("idempotencyKey") };
    this.selectChainHead = e.prepare(
      `SELECT ${e.column("sequence")} AS "sequence", ${e.column("hash")} AS "hash" FROM "${e.name}" WHERE ${e.column("ticketId")} = ? ORDER BY ${e.column("sequence")} DESC LIMIT 1`,
    );
    // One writer (BEGIN IMMEDIATE): reading the head and writing it back in the same savepoint is
    // gap-free, and a unit that fails later rolls its head move back with its rows.
    this.selectGlobalHead = e.prepare(`SELECT "sequence" AS "sequence", "hash" AS "hash" FROM "audit_head" WHERE "id" = 1`);
    this.updateGlobalHead = e.prepare(`UPDATE "audit_head" SET "sequence" = ?, "hash" = ? WHERE "id" = 1 AND "sequence" = ?`);
  }

  /** Group-commit counters of this writer's database connection. */
  get groupCommitStats(): GroupCommitStats {
    return this.commits.stats;
  }

  createTicket(ticket: NewTicket, firstEvent: NewAuditEvent, jobs: readonly NewOutboxJob[]): Promise<CreateTicketResult> {
    return this.commits.run(() => {
      const key = ticket.idempotencyKey;
      if (key !== null) {
        const existing = this.ticketWhere("idempotencyKey", key);
        if (existing !== null) return { outcome: "duplicate", ticket: toTicketRecord(existing) } as const;
      }
      const row = newTicketRow(ticket);
      this.tickets.insert(row);
      const event = this.appendEvent(row, null, firstEvent);
      for (const job of outboxRows(row.id, jobs, firstEvent.at)) this.outbox.insert(job);
      return { outcome: "created", ticket: toTicketRecord(row), event: toStoredTicketEvent(event) } as const;
    });
  }

  appendTransition(args: AppendTransitionArgs): Promise<{ ticket: TicketRecord; event: StoredTicketEvent }> {
    const { ticketId, expectedVersion, event } = args;
    const set = ticketRowChanges(args.changes, event);
    const columns = Object.keys(set) as (keyof TicketRowChanges & string)[];
    return this.commits.run(() => {
      const row = this.updateStatement(columns).get([...columns.map((c) => set[c] ?? null), ticketId, expectedVersion]) as TicketEntity | undefined;
      if (row === undefined) {
        const current = this.ticketWhere("id", ticketId);
        if (current === null) throw notFound("Ticket", ticketId);
        throw staleVersion(ticketId, current.version, expectedVersion);
      }
      const head = this.selectChainHead.get([ticketId]) as ChainHead | undefined;
      const stored = this.appendEvent(row, head ?? null, event);
      for (const job of outboxRows(row.id, args.outbox ?? [], event.at)) this.outbox.insert(job);
      if (args.assertion !== undefined) this.writeAssertion(ticketId, args.assertion);
      return { ticket: toTicketRecord(row), event: toStoredTicketEvent(stored) };
    });
  }

  /** The ticket's stored sign-in, changed in the transition's savepoint (issue 13). */
  private writeAssertion(ticketId: string, change: AssertionChange): void {
    const { sql, params } = assertionStatement(ticketId, change);
    let statement = this.assertionStatements.get(sql);
    if (statement === undefined) {
      statement = this.tickets.prepare(sqlitePlaceholders(sql));
      this.assertionStatements.set(sql, statement);
    }
    statement.run(params);
  }

  /** The ticket row, read under the database lock (never inside another caller's transaction). */
  findTicket(property: "id" | "idempotencyKey", value: string): Promise<TicketRecord | null> {
    return withDatabaseLock(this.dataSource, async () => {
      const row = this.ticketWhere(property, value);
      return row === null ? null : toTicketRecord(row);
    });
  }

  /** `UPDATE ... WHERE id = ? AND version = ? RETURNING *` for these changed columns, prepared once per column set. */
  private updateStatement(columns: readonly (keyof TicketRowChanges & string)[]): Statement {
    const key = columns.join(",");
    let statement = this.updates.get(key);
    if (statement === undefined) {
      const t = this.tickets;
      // The WHERE clause is the optimistic lock: the version must still be the one the caller read.
      statement = t.prepare(
        `UPDATE "${t.name}" SET ${columns.map((c) => `${t.column(c)} = ?`).join(", ")}, ${t.column("version")} = ${t.column("version")} + 1` +
          ` WHERE ${t.column("id")} = ? AND ${t.column("version")} = ? RETURNING ${t.selectList}`,
      );
      this.updates.set(key, statement);
    }
    return statement;
  }

  private ticketWhere(property: "id" | "idempotencyKey", value: string): TicketEntity | null {
    return (this.selectTicket[property].get([value]) as TicketEntity | undefined) ?? null;
  }

  private appendEvent(ticket: TicketEntity, head: ChainHead | null, event: NewAuditEvent): TicketEventEntity {
    const global = this.selectGlobalHead.get() as GlobalHead | undefined;
    if (global === undefined) throw new Error("audit_head has no row: the audit-anchor migration has not run");
    const chained = chainGlobally(nextEventRow(ticket.id, ticket.customerId, head, event), global);
    this.events.insert(chained.row);
    const moved = this.updateGlobalHead.run([chained.head.sequence, chained.head.hash, global.sequence]);
    if (moved.changes !== 1) throw new Error("audit_head moved under the SQLite writer");
    return chained.row;
  }
}
