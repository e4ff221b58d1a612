import type { DataSource } from "typeorm";
import { Database, fromIsoTime, toIsoTime } from "../db";
import { decodeKeysetCursor, encodeCursor } from "../pagination/opaque-cursor";
import { emptyPage, toPage } from "../tickets/ticket-page";
import type { Page } from "../tickets/ticket-store.types";
import type { RecordedSlaBreach, SlaBreachKind } from "./sla-breach";

/** Which recorded breaches `slaBreaches` lists; all given conditions must match. */
export interface SlaBreachFilter {
  readonly customerIds?: readonly string[];
  readonly ticketId?: string;
  readonly kinds?: readonly SlaBreachKind[];
  readonly assigneeId?: string;
  readonly severities?: readonly string[];
  /** Deadline at or after (inclusive). */
  readonly dueFrom?: Date;
  /** Deadline before (exclusive). */
  readonly dueTo?: Date;
}

/** A recorded breach with the ticket facts a lead's list shows next to it. */
export interface SlaBreachListItem extends RecordedSlaBreach {
  readonly customerId: string;
  readonly title: string;
  readonly severity: string;
  readonly assigneeId: string | null;
  readonly state: string;
}

const BREACH_CURSOR = "slaBreaches";

/** A list item as the query answers it: times as stored text, the version as the driver gives it. */
type BreachRow = Omit<SlaBreachListItem, "dueAt" | "detectedAt" | "policyVersion"> & {
  dueAt: string;
  detectedAt: string;
  policyVersion: number | string;
};

/**
 * `ticket_sla_breach` across tickets, newest deadline first, in keyset pages on
 * (due_at DESC, ticket_id DESC, kind DESC). Reads only: the sweeper writes the rows.
 */
export async function listSlaBreaches(
  dataSource: DataSource,
  filter: SlaBreachFilter,
  page: { first: number; afterCursor?: string | null },
): Promise<Page<SlaBreachListItem>> {
  if (filter.customerIds?.length === 0 || filter.kinds?.length === 0 || filter.severities?.length === 0) return emptyPage();
  const cursor = page.afterCursor ? decodeKeysetCursor(BREACH_CURSOR, page.afterCursor) : null;
  const [cursorTicket, cursorKind] = cursor ? splitCursorId(cursor.id) : [null, null];
  return Database.of(dataSource).read(async (manager) => {
    const qb = manager
      .createQueryBuilder()
      .from("ticket_sla_breach", "b")
      .innerJoin("ticket", "t", "t.id = b.ticket_id");
    if (filter.customerIds) qb.andWhere("t.customer_id IN (:...customerIds)", { customerIds: [...filter.customerIds] });
    if (filter.ticketId !== undefined) qb.andWhere("b.ticket_id = :ticketId", { ticketId: filter.ticketId });
    if (filter.kinds) qb.andWhere("b.kind IN (:...kinds)", { kinds: [...filter.kinds] });
    if (filter.severities) qb.andWhere("t.severity IN (:...severities)", { severities: [...filter.severities] });
    if (filter.assigneeId !== undefined) qb.andWhere("t.assignee_id = :assigneeId", { assigneeId: filter.assigneeId });
    if (filter.dueFrom !== undefined) qb.andWhere("b.due_at >= :dueFrom", { dueFrom: toIsoTime(filter.dueFrom) });
    if (filter.dueTo !== undefined) qb.andWhere("b.due_at < :dueTo", { dueTo: toIsoTime(filter.dueTo) });
    const totalCount = await qb.clone().select("COUNT(*)", "count").getRawOne<{ count: number | string }>();
    if (cursor !== null) {
      qb.andWhere(
        "(b.due_at < :cAt OR (b.due_at = :cAt AND (b.ticket_id < :cTicket OR (b.ticket_id = :cTicket AND b.kind < :cKind))))",
        { cAt: cursor.sortValue, cTicket: cursorTicket, cKind: cursorKind },
      );
    }
    const rows = await qb
      .select([
        'b.ticket_id AS "ticketId"', 'b.kind AS "kind"', 'b.due_at AS "dueAt"', 'b.detected_at AS "detectedAt"',
        'b.policy_version AS "policyVersion"', 't.customer_id AS "customerId"', 't.title AS "title"', 't.severity AS "severity"',
        't.assignee_id AS "assigneeId"', 't.state_path AS "state"',
      ])
      .orderBy("b.due_at", "DESC")
      .addOrderBy("b.ticket_id", "DESC")
      .addOrderBy("b.kind", "DESC")
      .limit(page.first + 1)
      .getRawMany<BreachRow>();
    const cursorOf = (row: BreachRow) => encodeCursor(BREACH_CURSOR, row.dueAt, `${row.ticketId}/${row.kind}`);
    return toPage(rows, page.first, Number(totalCount?.count ?? 0), cursorOf, toListItem);
  });
}

function splitCursorId(id: string): [string, string] {
  const at = id.lastIndexOf("/");
  return [id.slice(0, at), id.slice(at + 1)];
}

function toListItem(row: BreachRow): SlaBreachListItem {
  return { ...row, dueAt: fromIsoTime(row.dueAt), detectedAt: fromIsoTime(row.detectedAt), policyVersion: Number(row.policyVersion) };
}
