import type { DataSource, EntityManager, SelectQueryBuilder } from "typeorm";
import { Database } from "../db/database";
import { toIsoTime } from "../db/iso-time";
import { TicketEntity } from "../db/ticket.entity";
import { badUserInput } from "../errors";
import { TicketSlaDueEntity } from "../sla/ticket-sla-due.entity";
import { decodeKeysetCursor, encodeCursor } from "../pagination/opaque-cursor";
import { fts5Query, searchTerms, tsQuery } from "./ticket-search-terms";
import { emptyPage, pageSize, toPage } from "./ticket-page";
import type { Page, PageRequest, TicketListFilter, TicketRecord } from "./ticket-store.types";

/** What a desk sorts its list by. */
export const TICKET_ORDER_FIELDS = ["CREATED_AT", "UPDATED_AT", "SEVERITY", "SLA_DUE"] as const;
export type TicketOrderField = (typeof TICKET_ORDER_FIELDS)[number];
export type SortDirection = "ASC" | "DESC";

export interface TicketOrder {
  readonly field: TicketOrderField;
  readonly direction: SortDirection;
}

/** The default order, and the one the list had before `orderBy` existed: last updated first. */
export const DEFAULT_TICKET_ORDER: TicketOrder = { field: "UPDATED_AT", direction: "DESC" };

/** The store's filter plus what a desk narrows by. Ranges are inclusive from, exclusive to. */
export interface DeskTicketFilter extends TicketListFilter {
  /** Words that must all occur (as prefixes) in title or description. */
  readonly search?: string;
  readonly createdFrom?: Date;
  readonly createdTo?: Date;
  readonly updatedFrom?: Date;
  readonly updatedTo?: Date;
  /** true: only tickets someone is assigned to. */
  readonly assigned?: boolean;
  /** true: only tickets with a recorded SLA breach; false: only tickets without one. */
  readonly breached?: boolean;
}

/** Tickets per full state path (one GROUP BY), from which a desk builds its tab bar. */
export interface TicketStatePathCount {
  readonly statePath: string;
  readonly count: number;
}

// No deadline sorts after every deadline, ascending; the sentinel keeps keyset comparisons total.
const NO_DEADLINE = "9999-12-31T23:59:59.999Z";
const SEVERITY_RANK = "(CASE t.severity WHEN 'CRITICAL' THEN 3 WHEN 'MODERATE' THEN 2 ELSE 1 END)";

/** The SQL sort key of each order (ids break ties, so every order is total and pages are stable). */
const SORT_KEYS: Readonly<Record<TicketOrderField, string>> = {
  CREATED_AT: "t.createdAt",
  UPDATED_AT: "t.updatedAt",
  SEVERITY: SEVERITY_RANK,
  SLA_DUE: `COALESCE(d.dueAt, '${NO_DEADLINE}')`,
};

/**
 * The desk's ticket list and counts, built with TypeORM's QueryBuilder: filters, full-text
 * search (FTS5 on SQLite, tsvector on PostgreSQL; DeskList migration), and keyset pagination on
 * (sort key, id) in either direction. A cursor names its order, so it cannot be replayed
 * against another one; rows that change while a client pages move, nothing else shifts.
 */
export class TicketListQuery {
  constructor(private readonly dataSource: DataSource) {}

  async list(filter: DeskTicketFilter, order: TicketOrder, page: PageRequest): Promise<Page<TicketRecord>> {
    const first = pageSize(page.first, "first");
    const scope = cursorScope(order);
    const cursor = page.afterCursor ? decodeKeysetCursor(scope, page.afterCursor) : null;
    return Database.of(this.dataSource).read(async (manager) => {
      const qb = this.filtered(manager, filter);
      if (qb === null) return emptyPage<TicketRecord>();
      const totalCount = await qb.getCount();
      const key = SORT_KEYS[order.field];
      if (order.field === "SLA_DUE") qb.leftJoin(TicketSlaDueEntity, "d", "d.ticketId = t.id");
      if (cursor !== null) {
        const before = order.direction === "DESC" ? "<" : ">";
        const value = order.field === "SEVERITY" ? Number(cursor.sortValue) : cursor.sortValue;
        if (order.field === "SEVERITY" && !Number.isInteger(value)) throw badUserInput("after", "The cursor is not valid for this list");
        qb.andWhere(`(${key} ${before} :cursorKey OR (${key} = :cursorKey AND t.id ${before} :cursorId))`, { cursorKey: value, cursorId: cursor.id });
      }
      // Dates sort on their indexed columns; computed keys are selected so each row's cursor can carry them.
      const computed = order.field === "SEVERITY" || order.field === "SLA_DUE";
      if (computed) qb.addSelect(key, "sort_key").orderBy("sort_key", order.direction);
      else qb.orderBy(key, order.direction);
      qb.addOrderBy("t.id", order.direction).limit(first + 1);
      const { entities, raw } = await qb.getRawAndEntities<{ sort_key?: string | number }>();
      const sortValue = (row: TicketEntity, index: number): string =>
        computed ? String(raw[index]!.sort_key) : toIsoTime(order.field === "CREATED_AT" ? row.createdAt : row.updatedAt);
      return toPage(entities, first, totalCount, (row, index) => encodeCursor(scope, sortValue(row, index), row.id), (row) => row);
    });
  }

  /** How many tickets match `filter` in each state path (paths without tickets are absent). */
  async countByStatePath(filter: DeskTicketFilter): Promise<TicketStatePathCount[]> {
    return Database.of(this.dataSource).read(async (manager) => {
      const qb = this.filtered(manager, filter);
      if (qb === null) return [];
      const rows = await qb.select("t.statePath", "state_path").addSelect("COUNT(*)", "count").groupBy("t.statePath").getRawMany<{ state_path: string; count: string | number }>();
      return rows.map((row) => ({ statePath: row.state_path, count: Number(row.count) }));
    });
  }

  /** The filtered query, or null when a filter matches nothing (an empty list of allowed values). */
  private filtered(manager: EntityManager, filter: DeskTicketFilter): SelectQueryBuilder<TicketEntity> | null {
    const qb = manager.createQueryBuilder(TicketEntity, "t");
    const lists: [string, string, readonly string[] | undefined][] = [
      ["t.state", "states", filter.states],
      ["t.statePath", "statePaths", filter.statePaths],
      ["t.customerId", "customerIds", filter.customerIds],
      ["t.severity", "severities", filter.severities],
      ["t.category", "categories", filter.categories],
      ["t.product", "products", filter.products],
    ];
    for (const [column, param, values] of lists) {
      if (values === undefined) continue;
      if (values.length === 0) return null;
      qb.andWhere(`${column} IN (:...${param})`, { [param]: [...values] });
    }
    if (filter.assigneeId === null) qb.andWhere("t.assigneeId IS NULL");
    else if (filter.assigneeId !== undefined) qb.andWhere("t.assigneeId = :assigneeId", { assigneeId: filter.assigneeId });
    if (filter.assigned === true) qb.andWhere("t.assigneeId IS NOT NULL");
    const ranges: [string, string, Date | undefined, ">=" | "<"][] = [
      ["t.createdAt", "createdFrom", filter.createdFrom, ">="],
      ["t.createdAt", "createdTo", filter.createdTo, "<"],
      ["t.updatedAt", "updatedFrom", filter.updatedFrom, ">="],
      ["t.updatedAt", "updatedTo", filter.updatedTo, "<"],
    ];
    for (const [column, param, value, op] of ranges) {
      if (value !== undefined) qb.andWhere(`${column} ${op} :${param}`, { [param]: toIsoTime(value) });
    }
    if (filter.breached !== undefined) {
      // Recorded breaches (the sweeper's ticket_sla_breach rows), the same records `sla` reports.
      qb.andWhere(`${filter.breached ? "" : "NOT "}EXISTS (SELECT 1 FROM ticket_sla_breach b WHERE b.ticket_id = t.id)`);
    }
    if (filter.search !== undefined) {
      const terms = searchTerms(filter.search);
      if (Database.of(this.dataSource).dialect === "postgres") {
        qb.andWhere("to_tsvector('simple', t.title || ' ' || t.description) @@ to_tsquery('simple', :search)", { search: tsQuery(terms) });
      } else {
        qb.andWhere("t.rowid IN (SELECT rowid FROM ticket_search WHERE ticket_search MATCH :search)", { search: fts5Query(terms) });
      }
    }
    return qb;
  }
}

/** Cursors of the default order keep the store's scope, so cursors handed out before stay valid. */
function cursorScope(order: TicketOrder): string {
  return order.field === DEFAULT_TICKET_ORDER.field && order.direction === DEFAULT_TICKET_ORDER.direction ? "ticket" : `ticket:${order.field}:${order.direction}`;
}
