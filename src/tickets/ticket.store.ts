import type { DataSource, EntityManager, SelectQueryBuilder } from "typeorm";
import { insertAndAppendAtHead, updateAndAppendAtHead } from "../db/audit-append.statement";
import { Database, type GroupCommitStats } from "../db/database";
import { EscalationAssertionEntity } from "../db/escalation-assertion.entity";
import { toIsoTime } from "../db/iso-time";
import { OutboxJobEntity } from "../db/outbox-job.entity";
import { TicketEventEntity } from "../db/ticket-event.entity";
import { TicketEntity } from "../db/ticket.entity";
import { isUniqueViolation } from "../db/unique-violation";
import { columnProperties, columnValues, hydrate, PreparedStatement } from "../db/prepared-statement";
import { badUserInput, notFound } from "../errors";
import { advanceGlobalHead, type UnchainedEventRow } from "./audit-global-chain";
import { decodeKeysetCursor, encodeCursor } from "../pagination/opaque-cursor";
import { staleVersion } from "./stale-version.error";
import { newTicketRow, nextEventRow, outboxRows, ticketRowChanges, type ChainHead } from "./ticket-rows";
import { toStoredTicketEvent } from "./ticket-store.mapper";
import { emptyPage, MAX_PAGE_SIZE, pageSize, toPage } from "./ticket-page";
import { DEFAULT_TICKET_ORDER, TicketListQuery } from "./ticket-list.query";
import type {
  AppendTransitionArgs,
  AssertionChange,
  AuditEventFilter,
  CreateTicketResult,
  NewAuditEvent,
  NewOutboxJob,
  NewTicket,
  Page,
  PageRequest,
  StoredTicketEvent,
  TicketListFilter,
  TicketRecord,
} from "./ticket-store.types";

const MAX_IDEMPOTENCY_KEY_LENGTH = 255;
const AUDIT_CURSOR = "audit";
const ONE_STATEMENT = { oneStatement: true } as const;
/** Ticket writes append to the audit chain. */
const AUDITED = { audited: true } as const;

/**
 * The only code path that writes tickets and their audit events, the same on both databases.
 * Every write is one transaction of the {@link Database} (group-committed with concurrent
 * writes): ticket row, hash-chained event and outbox rows commit together or not at all, and the
 * conditional `UPDATE ... WHERE version = ?` orders concurrent writers of one ticket.
 */
export class TicketStore {
  private readonly database: Database;
  /**
   * The row each of this instance's recent transitions committed, by ticket id (most recent last,
   * at most {@link RECENT_ROWS}): the next write of a ticket usually expects exactly that version,
   * and then needs no read (see {@link findForWrite}).
   */
  private readonly recentRows = new Map<string, TicketRecord>();

  constructor(readonly dataSource: DataSource) {
    this.database = Database.of(dataSource);
  }

  /**
   * Stores a new ticket at version 1 with its first audit event (sequence 1, prevHash null) and
   * optional outbox jobs. If `ticket.idempotencyKey` is already taken, nothing is written and
   * `{ outcome: "duplicate", ticket: existing }` is returned (also when two requests race).
   */
  async createTicket(
    ticket: NewTicket,
    firstEvent: NewAuditEvent,
    outbox: readonly NewOutboxJob[] = [],
  ): Promise<CreateTicketResult> {
    const key = ticket.idempotencyKey;
    if (key !== null) assertIdempotencyKey(key);
    try {
      return await this.database.transaction(async (manager): Promise<CreateTicketResult> => {
        if (key !== null) {
          const existing = await manager.findOneBy(TicketEntity, { idempotencyKey: key });
          if (existing !== null) return { outcome: "duplicate", ticket: existing };
        }
        const row = newTicketRow(ticket);
        // A new ticket's chain starts here: no previous event to look up.
        const first = nextEventRow(row.id, row.customerId, null, firstEvent);
        row.lastEventSequence = first.sequence;
        row.lastEventHash = first.hash;
        const created = await insertAndAppend(manager, row, first);
        await enqueue(manager, row.id, outbox, firstEvent.at);
        return { outcome: "created", ticket: created.ticket, event: created.event };
      }, AUDITED).then((result) => {
        if (result.outcome === "created") this.rememberRow(result.ticket);
        return result;
      });
    } catch (error) {
      // Lost a race on the idempotency key with another instance: the winner's ticket is the answer.
      if (key !== null && isUniqueViolation(error)) {
        const existing = await this.findByIdempotencyKey(key);
        if (existing !== null) return { outcome: "duplicate", ticket: existing };
      }
      throw error;
    }
  }

  /** How writes were grouped into commits. */
  groupCommitStats(): GroupCommitStats {
    return this.database.stats;
  }

  /** The ticket, or null. */
  findById(id: string): Promise<TicketRecord | null> {
    return this.database.read(async (manager) => {
      const raw = (await TICKET_BY_ID.run(manager, { id })).rows[0];
      return raw === undefined ? null : hydrate(manager, TicketEntity, raw);
    }, ONE_STATEMENT);
  }

  /**
   * The ticket as a write expecting `expectedVersion` must see it: the row this instance's last
   * transition of the ticket committed, when that is the expected version, else a read. The copy
   * may be stale only if another instance moved the ticket on, and then the write's version-checked
   * UPDATE refuses it (VERSION_CONFLICT), exactly as a read would have.
   */
  async findForWrite(id: string, expectedVersion: number | undefined): Promise<TicketRecord | null> {
    const recent = this.recentRows.get(id);
    if (recent !== undefined && expectedVersion !== undefined && recent.version === expectedVersion) return recent;
    return this.findById(id);
  }

  private rememberRow(row: TicketRecord): void {
    this.recentRows.delete(row.id);
    this.recentRows.set(row.id, row);
    if (this.recentRows.size > RECENT_ROWS) this.recentRows.delete(this.recentRows.keys().next().value as string);
  }

  /** The ticket created with this idempotency key, or null. */
  findByIdempotencyKey(key: string): Promise<TicketRecord | null> {
    return this.database.read((manager) => manager.findOneBy(TicketEntity, { idempotencyKey: key }));
  }

  /**
   * Applies one accepted transition in ONE transaction: bumps the version only if it still is
   * `expectedVersion`, appends the next hash-chained event, inserts the outbox jobs.
   *
   * @throws AppError VERSION_CONFLICT (`details.currentVersion`) when another writer got there first
   * @throws AppError NOT_FOUND when the ticket does not exist
   * Any other failure (e.g. a duplicate outbox idempotency key) rolls everything back and rethrows.
   */
  appendTransition(args: AppendTransitionArgs): Promise<{ ticket: TicketRecord; event: StoredTicketEvent }> {
    const { ticketId, expectedVersion, changes, event, loaded } = args;
    // The loaded row's chain head is the head while its version is (every append moves both in
    // one UPDATE), so the event is linked before the transaction and nothing reads ticket_event.
    const sequence = loaded?.lastEventSequence ?? null;
    const hash = loaded?.lastEventHash ?? null;
    const linked = loaded === undefined || sequence === null || hash === null ? null : nextEventRow(ticketId, loaded.customerId, { sequence, hash }, event);
    this.recentRows.delete(ticketId);
    const committed = this.database.transaction(async (manager) => {
      // A row without a head (bulk seed) or no loaded row: read the last event first. The version
      // check below still orders this write after any append that came in between.
      const unchained = linked ?? (await linkToLastEvent(manager, ticketId, loaded?.customerId, event));
      const set = { ...ticketRowChanges(changes, event), lastEventSequence: unchained.sequence, lastEventHash: unchained.hash };
      // TypeORM's version column does not guard writes: the WHERE clause is the optimistic lock.
      const update = ticketUpdate(Object.keys(set));
      const updateValues = { ...columnValues(manager, TicketEntity, set), id: ticketId, expectedVersion };
      const written = await updateAndAppend(manager, update, updateValues, unchained);
      if (written === null) {
        const current = await manager.findOne(TicketEntity, { where: { id: ticketId }, select: { id: true, version: true } });
        if (current === null) throw notFound("Ticket", ticketId);
        throw staleVersion(ticketId, current.version, expectedVersion);
      }
      const row = hydrate(manager, TicketEntity, written.raw);
      const stored = written.event;
      await enqueue(manager, row.id, args.outbox ?? [], event.at);
      if (args.assertion !== undefined) await changeAssertion(manager, ticketId, args.assertion);
      return { ticket: row, event: stored };
    }, AUDITED);
    return committed.then((written) => {
      this.rememberRow(written.ticket);
      return written;
    });
  }

  /** A ticket's events in sequence order, starting after sequence `after` (default 0). */
  async listEvents(ticketId: string, options: { after?: number; limit?: number } = {}): Promise<StoredTicketEvent[]> {
    const limit = pageSize(options.limit ?? MAX_PAGE_SIZE, "limit");
    return this.database.read(async (manager) => {
      const rows = await manager
        .createQueryBuilder(TicketEventEntity, "e")
        .where("e.ticketId = :ticketId AND e.sequence > :after", { ticketId, after: options.after ?? 0 })
        .orderBy("e.sequence", "ASC")
        .limit(limit)
        .getMany();
      return rows.map(toStoredTicketEvent);
    });
  }

  /** Number of events stored for a ticket. */
  async countEvents(ticketId: string): Promise<number> {
    return this.database.read((manager) => manager.count(TicketEventEntity, { where: { ticketId } }));
  }

  /** How an actor of this ticket's history signed its latest event, or null if it never acted on it. */
  async latestActorOf(ticketId: string, actorId: string): Promise<StoredTicketEvent["actor"] | null> {
    return this.database.read(async (manager) => {
      const row = await manager.findOne(TicketEventEntity, {
        select: { actorId: true, actorName: true, actorRole: true },
        where: { ticketId, actorId },
        order: { sequence: "DESC" },
      });
      return row ? { id: row.actorId, displayName: row.actorName, role: row.actorRole as StoredTicketEvent["actor"]["role"] } : null;
    });
  }

  /** Every state this ticket has been in, from its events' distinct (from, to) pairs; no event is loaded. */
  async visitedStates(ticketId: string): Promise<Set<string>> {
    return this.database.read(async (manager) => {
      const pairs = await manager
        .createQueryBuilder(TicketEventEntity, "e")
        .select(["e.fromState AS from_state", "e.toState AS to_state"])
        .distinct(true)
        .where("e.ticketId = :ticketId", { ticketId })
        .getRawMany<{ from_state: string; to_state: string }>();
      const visited = new Set<string>();
      for (const pair of pairs) {
        if (pair.from_state) visited.add(pair.from_state);
        visited.add(pair.to_state);
      }
      return visited;
    });
  }

  /**
   * Tickets matching `filter`, most recently updated first: the desk's list query in its default
   * order (keyset on updated_at DESC, id DESC). A ticket updated while a client pages moves to the
   * front, so it may be skipped or seen twice by that client; nothing else shifts.
   */
  async listTickets(filter: TicketListFilter, page: PageRequest): Promise<Page<TicketRecord>> {
    return new TicketListQuery(this.dataSource).list(filter, DEFAULT_TICKET_ORDER, page);
  }

  /** Audit events matching `filter`, newest first: keyset pagination on (at DESC, id DESC). */
  async listAuditEvents(filter: AuditEventFilter, page: PageRequest): Promise<Page<StoredTicketEvent>> {
    const first = pageSize(page.first, "first");
    const cursor = page.afterCursor ? decodeKeysetCursor(AUDIT_CURSOR, page.afterCursor) : null;
    return this.database.read(async (manager) => {
      const qb = manager.createQueryBuilder(TicketEventEntity, "e");
      const matchesNothing = [
        inList(qb, "e.customerId", "customerIds", filter.customerIds),
        inList(qb, "e.type", "types", filter.types),
      ].includes("none");
      if (matchesNothing) return emptyPage<StoredTicketEvent>();
      if (filter.ticketId !== undefined) qb.andWhere("e.ticketId = :ticketId", { ticketId: filter.ticketId });
      if (filter.actorId !== undefined) qb.andWhere("e.actorId = :actorId", { actorId: filter.actorId });
      if (filter.from !== undefined) qb.andWhere("e.at >= :from", { from: toIsoTime(filter.from) });
      if (filter.to !== undefined) qb.andWhere("e.at < :to", { to: toIsoTime(filter.to) });

      const totalCount = await qb.getCount();
      if (cursor !== null) {
        qb.andWhere("(e.at < :cursorAt OR (e.at = :cursorAt AND e.id < :cursorId))", {
          cursorAt: cursor.sortValue,
          cursorId: cursor.id,
        });
      }
      const rows = await qb.orderBy("e.at", "DESC").addOrderBy("e.id", "DESC").limit(first + 1).getMany();
      return toPage(rows, first, totalCount, (row) => encodeCursor(AUDIT_CURSOR, row.at, row.id), toStoredTicketEvent);
    });
  }

  /** Ticket ids in id order, after `afterId` (for the chain/replay verifier). */
  async listTicketIds(options: { afterId?: string; limit?: number } = {}): Promise<string[]> {
    const limit = pageSize(options.limit ?? MAX_PAGE_SIZE, "limit");
    return this.database.read(async (manager) => {
      const qb = manager.createQueryBuilder(TicketEntity, "t").select("t.id");
      if (options.afterId !== undefined) qb.where("t.id > :afterId", { afterId: options.afterId });
      const rows = await qb.orderBy("t.id", "ASC").limit(limit).getMany();
      return rows.map((row) => row.id);
    });
  }

  /** Every ticket id, in batches (each batch is one short query). */
  async *iterateTicketIds(batchSize = 500): AsyncGenerator<string> {
    let afterId: string | undefined;
    for (;;) {
      const ids = await this.listTicketIds({ ...(afterId === undefined ? {} : { afterId }), limit: batchSize });
      yield* ids;
      if (ids.length < batchSize) return;
      afterId = ids[ids.length - 1];
    }
  }

  /** Every event of one ticket in sequence order, in batches. */
  async *iterateTicketEvents(ticketId: string, batchSize = 500): AsyncGenerator<StoredTicketEvent> {
    let after = 0;
    for (;;) {
      const events = await this.listEvents(ticketId, { after, limit: batchSize });
      yield* events;
      if (events.length < batchSize) return;
      after = events[events.length - 1]?.sequence ?? after;
    }
  }

  /** Every event of one ticket in sequence order, read in batches. */
  async allEvents(ticketId: string, batchSize = 500): Promise<StoredTicketEvent[]> {
    const events: StoredTicketEvent[] = [];
    for await (const event of this.iterateTicketEvents(ticketId, batchSize)) events.push(event);
    return events;
  }
}

/**
 * SQLite: appends the next event of the ticket's chain (after `previous`) and of the global chain.
 * Callers hold the ticket row (version update or insert) in the one writer's transaction
 * (database.ts), so reading the head and moving it is gap-free; a rollback leaves no gap.
 */
async function appendChained(manager: EntityManager, unchained: UnchainedEventRow): Promise<StoredTicketEvent> {
  const global = await advanceGlobalHead(manager, unchained.hash);
  const row: TicketEventEntity = { ...unchained, globalSequence: global.sequence, globalHash: global.hash };
  await insertRow(manager, TicketEventEntity, row);
  return toStoredTicketEvent(row);
}

/** How many tickets' last committed rows a store keeps for the next write ({@link TicketStore.findForWrite}). */
const RECENT_ROWS = 1_000;

/**
 * The version-checked ticket UPDATE and the event's append: on PostgreSQL one statement (one
 * round trip under the audit head's lock), on SQLite the UPDATE, then the append. Null when the
 * version check matched no row (nothing written).
 */
async function updateAndAppend(
  manager: EntityManager,
  update: PreparedStatement,
  updateValues: Record<string, unknown>,
  unchained: UnchainedEventRow,
): Promise<{ raw: Record<string, unknown>; event: StoredTicketEvent } | null> {
  if (manager.connection.options.type === "postgres") {
    const written = await updateAndAppendAtHead(manager, update, updateValues, columnValues(manager, TicketEventEntity, unchained));
    return written === null ? null : { raw: written.row, event: toStoredTicketEvent({ ...unchained, ...written.placed }) };
  }
  const raw = (await update.run(manager, updateValues)).rows[0];
  return raw === undefined ? null : { raw, event: await appendChained(manager, unchained) };
}

/** A new ticket row and its first event: on PostgreSQL one statement, on SQLite the INSERT, then the append. Answers the row as stored. */
async function insertAndAppend(manager: EntityManager, row: TicketEntity, first: UnchainedEventRow): Promise<{ ticket: TicketRecord; event: StoredTicketEvent }> {
  if (manager.connection.options.type === "postgres") {
    const written = await insertAndAppendAtHead(manager, TicketEntity, columnValues(manager, TicketEntity, row), columnValues(manager, TicketEventEntity, first));
    return { ticket: hydrate(manager, TicketEntity, written.row), event: toStoredTicketEvent({ ...first, ...written.placed }) };
  }
  const stored = await insertRow(manager, TicketEntity, row);
  return { ticket: hydrate(manager, TicketEntity, stored), event: await appendChained(manager, first) };
}

/** The next event of the ticket's chain, linked to its last stored event (rows without a chain head). */
async function linkToLastEvent(manager: EntityManager, ticketId: string, customerId: string | undefined, event: NewAuditEvent): Promise<UnchainedEventRow> {
  const customer = customerId ?? (await manager.findOne(TicketEntity, { where: { id: ticketId }, select: { id: true, customerId: true } }))?.customerId;
  if (customer === undefined) throw notFound("Ticket", ticketId);
  return nextEventRow(ticketId, customer, await lastEventOf(manager, ticketId), event);
}

/** The last event of the ticket's chain (sequence and hash), or null. */
async function lastEventOf(manager: EntityManager, ticketId: string): Promise<ChainHead | null> {
  const raw = (await LAST_EVENT.run(manager, { ticketId })).rows[0];
  return raw === undefined ? null : { sequence: Number(raw["sequence"]), hash: String(raw["hash"]) };
}

const LAST_EVENT = new PreparedStatement(
  (manager) => manager.createQueryBuilder(TicketEventEntity, "e").select("e.sequence", "sequence").addSelect("e.hash", "hash").where("e.ticketId = :ticketId").orderBy("e.sequence", "DESC").limit(1),
  ["ticketId"],
);

/** The ticket row by id, columns under their database names (every transition reads it first). */
const TICKET_BY_ID = new PreparedStatement((manager) => {
  const qb = manager.createQueryBuilder(TicketEntity, "t").select([]);
  for (const column of manager.connection.getMetadata(TicketEntity).columns) qb.addSelect(`t.${column.propertyName}`, column.databaseName);
  return qb.where("t.id = :id");
}, ["id"]);

/** One UPDATE of the ticket per set of changed columns: bumps the version if it still is :expectedVersion, answers the row. */
const TICKET_UPDATES = new Map<string, PreparedStatement>();

function ticketUpdate(properties: readonly string[]): PreparedStatement {
  const key = properties.join(",");
  let statement = TICKET_UPDATES.get(key);
  if (statement === undefined) {
    const set = Object.fromEntries(properties.map((property) => [property, () => `:${property}`]));
    statement = new PreparedStatement(
      (manager) => manager.createQueryBuilder().update(TicketEntity).set({ ...set, version: () => "version + 1" }).where("id = :id AND version = :expectedVersion"),
      [...properties, "id", "expectedVersion"],
      ["*"],
    );
    TICKET_UPDATES.set(key, statement);
  }
  return statement;
}

/** INSERT of one full row answering it as stored (RETURNING *), one prepared statement per entity. */
const ROW_INSERTS = new Map<new () => object, PreparedStatement>();

async function insertRow<E extends TicketEntity | TicketEventEntity>(manager: EntityManager, target: new () => E, row: E): Promise<Record<string, unknown>> {
  let statement = ROW_INSERTS.get(target);
  if (statement === undefined) {
    const properties = columnProperties(manager, target);
    statement = new PreparedStatement(
      (m) => m.createQueryBuilder().insert().into(target).values(Object.fromEntries(properties.map((property) => [property, () => `:${property}`])) as never).updateEntity(false),
      properties,
      ["*"],
    );
    ROW_INSERTS.set(target, statement);
  }
  const stored = (await statement.run(manager, columnValues(manager, target, row))).rows[0];
  if (stored === undefined) throw new Error(`INSERT INTO ${manager.connection.getMetadata(target).tableName} answered no row`);
  return stored;
}

async function enqueue(manager: EntityManager, ticketId: string, jobs: readonly NewOutboxJob[], now: Date): Promise<void> {
  if (jobs.length > 0) await manager.insert(OutboxJobEntity, outboxRows(ticketId, jobs, now));
}

/**
 * What a transition does to the ticket's stored sign-in (issue 13), in its transaction. Keep: a
 * stored sign-in that is still usable is replaced only by one that lasts at least as long, so a
 * token seconds from expiry never pushes out a colleague's longer-lived one. The ticket row's
 * version update, earlier in the same transaction, already orders writers of this ticket.
 */
async function changeAssertion(manager: EntityManager, ticketId: string, change: AssertionChange): Promise<void> {
  if (change.kind === "drop") {
    await manager.delete(EscalationAssertionEntity, { ticketId });
    return;
  }
  const stored = await manager.findOneBy(EscalationAssertionEntity, { ticketId });
  const replace = stored === null || stored.expiresAt <= change.at || change.expiresAt >= stored.expiresAt;
  if (!replace) return;
  await manager
    .createQueryBuilder()
    .insert()
    .into(EscalationAssertionEntity)
    .values({ ticketId, agentId: change.agentId, assertion: change.sealed, expiresAt: change.expiresAt, updatedAt: change.at })
    .orUpdate(["agent_id", "assertion", "expires_at", "updated_at"], ["ticket_id"])
    .execute();
}

function assertIdempotencyKey(key: string): void {
  if (key.length === 0 || key.length > MAX_IDEMPOTENCY_KEY_LENGTH) {
    throw badUserInput("idempotencyKey", `An idempotency key must be 1 to ${MAX_IDEMPOTENCY_KEY_LENGTH} characters`);
  }
}

/** Adds `column IN (...)`; returns "none" for an empty list (matches nothing), "all" when absent. */
function inList<T extends object>(
  qb: SelectQueryBuilder<T>,
  column: string,
  param: string,
  values: readonly string[] | undefined,
): "all" | "none" | "some" {
  if (values === undefined) return "all";
  if (values.length === 0) return "none";
  qb.andWhere(`${column} IN (:...${param})`, { [param]: [...values] });
  return "some";
}
