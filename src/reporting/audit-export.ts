import type { DataSource } from "typeorm";
import { Database } from "../db/database";
import { toIsoTime } from "../db/iso-time";
import { TicketEventEntity } from "../db/ticket-event.entity";
import { TicketEntity } from "../db/ticket.entity";
import type { AuditEventFilter } from "../tickets/ticket-store.types";

/** One exported audit row, flat (what the CSV columns and NDJSON objects carry). */
export interface AuditExportRow {
  id: string;
  ticketId: string;
  customerId: string;
  sequence: number;
  type: string;
  fromState: string;
  toState: string;
  actorId: string;
  actorName: string;
  actorRole: string;
  at: string;
  payload: string;
  machineVersion: number;
  /** Deprecated spelling of `previousHash` (kept for existing readers of the export). */
  prevHash: string | null;
  hash: string;
  /** The hash of the ticket's previous event: the name GraphQL uses (`TicketEvent.previousHash`). */
  previousHash: string | null;
  /** The ticket's current title. */
  ticketTitle: string;
  /** Null when the partner's customer list could not be read. */
  customerName: string | null;
}

/**
 * Column order: the original fifteen first, then the additions of issue 16 at the end, so a
 * reader that takes columns by position keeps working. `prevHash` is deprecated (same value as
 * `previousHash`).
 */
export const AUDIT_EXPORT_COLUMNS: readonly (keyof AuditExportRow)[] = [
  "at", "id", "ticketId", "customerId", "sequence", "type", "fromState", "toState",
  "actorId", "actorName", "actorRole", "machineVersion", "payload", "prevHash", "hash",
  "previousHash", "ticketTitle", "customerName",
];

const EXPORT_PAGE = 250;

/**
 * Every audit event matching the filter, oldest first, read in keyset pages of 250 rows
 * (at, id): memory stays constant however many rows match, and each page is one short read,
 * so writers interleave with a long export. No COUNT(*) per page.
 */
export async function* readAuditExport(
  dataSource: DataSource,
  filter: AuditEventFilter,
  customerNames: () => Promise<ReadonlyMap<string, string>>,
): AsyncGenerator<AuditExportRow[]> {
  if (filter.customerIds?.length === 0 || filter.types?.length === 0) return;
  const names = await customerNames();
  let cursor: { at: string; id: string } | null = null;
  for (;;) {
    const rows = await Database.of(dataSource).read(async (manager) => {
      const qb = manager
        .createQueryBuilder(TicketEventEntity, "e")
        .select([
          "e.id AS id", "e.ticketId AS \"ticketId\"", "e.customerId AS \"customerId\"", "e.sequence AS sequence", "e.type AS type",
          "e.fromState AS \"fromState\"", "e.toState AS \"toState\"", "e.actorId AS \"actorId\"", "e.actorName AS \"actorName\"",
          "e.actorRole AS \"actorRole\"", "e.at AS at", "e.payload AS payload", "e.machineVersion AS \"machineVersion\"",
          "e.prevHash AS \"prevHash\"", "e.hash AS hash", "t.title AS \"ticketTitle\"",
        ])
        .innerJoin(TicketEntity, "t", "t.id = e.ticketId");
      if (filter.customerIds) qb.andWhere("e.customerId IN (:...customerIds)", { customerIds: [...filter.customerIds] });
      if (filter.types) qb.andWhere("e.type IN (:...types)", { types: [...filter.types] });
      if (filter.ticketId !== undefined) qb.andWhere("e.ticketId = :ticketId", { ticketId: filter.ticketId });
      if (filter.actorId !== undefined) qb.andWhere("e.actorId = :actorId", { actorId: filter.actorId });
      if (filter.from !== undefined) qb.andWhere("e.at >= :from", { from: toIsoTime(filter.from) });
      if (filter.to !== undefined) qb.andWhere("e.at < :to", { to: toIsoTime(filter.to) });
      // `at >= cursor` first: an index range scan. A bare `(at > c OR (at = c AND id > i))` makes
      // SQLite sort every remaining row for each page (quadratic over an export).
      if (cursor !== null) qb.andWhere("e.at >= :cursorAt AND (e.at > :cursorAt OR e.id > :cursorId)", { cursorAt: cursor.at, cursorId: cursor.id });
      return qb.orderBy("e.at", "ASC").addOrderBy("e.id", "ASC").limit(EXPORT_PAGE).getRawMany<Omit<AuditExportRow, "previousHash" | "customerName">>();
    });
    if (rows.length > 0) {
      yield rows.map((row) => ({
        ...row,
        sequence: Number(row.sequence),
        machineVersion: Number(row.machineVersion),
        previousHash: row.prevHash,
        customerName: names.get(row.customerId) ?? null,
      }));
    }
    if (rows.length < EXPORT_PAGE) return;
    const last = rows[rows.length - 1]!;
    cursor = { at: last.at, id: last.id };
  }
}

/** One NDJSON line: the event with its payload as JSON (not as text). */
export function toNdjsonLine(row: AuditExportRow): string {
  return `${JSON.stringify({
    id: row.id, ticketId: row.ticketId, customerId: row.customerId, sequence: row.sequence, type: row.type,
    fromState: row.fromState, toState: row.toState, actor: { id: row.actorId, displayName: row.actorName, role: row.actorRole },
    at: row.at, payload: JSON.parse(row.payload) as unknown, machineVersion: row.machineVersion, prevHash: row.prevHash, hash: row.hash,
    previousHash: row.previousHash, ticketTitle: row.ticketTitle, customerName: row.customerName,
  })}\n`;
}

/**
 * A leading `=`, `+`, `-`, `@`, tab, CR or NUL makes a spreadsheet read the cell as a formula
 * (OWASP "CSV Injection"; ASVS 4.0.3 V5.3.10 / 5.0 V1.2.10): such text gets a leading `'`, which
 * spreadsheets show as text. Agents write titles and notes, so exported text is untrusted.
 */
const FORMULA_START = /^[=+\-@\t\r\0]/;

/**
 * RFC 4180 field: quoted when it holds a comma, quote, CR or LF; quotes doubled. Text that a
 * spreadsheet would evaluate is escaped with a leading `'` and quoted; numbers are written as is.
 */
export function csvField(value: string | number | boolean | null): string {
  if (value === null) return "";
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return text !== value || /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A CSV header and line writer for any flat row type with these columns (RFC 4180 lines end in CRLF). */
export function csvWriter<Row>(columns: readonly (keyof Row & string)[]): { header: () => string; line: (row: Row) => string } {
  return {
    header: () => `${columns.join(",")}\r\n`,
    line: (row) => `${columns.map((column) => csvField(row[column] as string | number | boolean | null)).join(",")}\r\n`,
  };
}

export const AUDIT_CSV = csvWriter<AuditExportRow>(AUDIT_EXPORT_COLUMNS);
