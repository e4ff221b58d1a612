import type { DataSource, EntityManager, EntityTarget, ObjectLiteral } from "typeorm";
import { namedStatement } from "./named-statement";
import type { PreparedStatement } from "./prepared-statement";
import { AuditHeadEntity } from "./audit-head.entity";
import { TicketEventEntity } from "./ticket-event.entity";

/**
 * PostgreSQL's next global chain hash, computed from the head row's old values in the UPDATE that
 * moves it (`computeGlobalHash` in src/tickets/audit-global-chain.ts is the same function):
 * SHA-256 hex of `<sequence + 1>:<eventHash>:<old hash or "">`. `eventHash` is the SQL of the
 * event hash's value (a parameter).
 */
const postgresNextGlobalHash = (eventHash: string): string =>
  `encode(sha256(convert_to((sequence + 1)::text || ':' || ${eventHash} || ':' || coalesce(hash, ''), 'UTF8')), 'hex')`;

/** The event's values (database form, by property name) except its place in the global chain. */
export type UnplacedEventValues = Readonly<Record<string, unknown>>;

/** Where the event was placed in the global chain. */
export interface PlacedEvent {
  globalSequence: number;
  globalHash: string;
}

/**
 * PostgreSQL: the head move, a version-checked row UPDATE (`update`, a prepared statement answering
 * the row with RETURNING) and the event insert in ONE statement: a transition is one round trip. The head
 * is locked first (the UPDATE's condition waits for it), so every audited transaction takes the
 * head before any ticket row and two gateways' batches cannot deadlock. Answers the updated row
 * (database column names) and the event's place, or null when the UPDATE matched no row: the head
 * has then moved with no event, so the caller must fail its unit of work (which rolls it back).
 */
export async function updateAndAppendAtHead(
  manager: EntityManager,
  update: PreparedStatement,
  updateValues: Readonly<Record<string, unknown>>,
  eventValues: UnplacedEventValues,
): Promise<{ row: Record<string, unknown>; placed: PlacedEvent } | null> {
  const { sql, updateNames, eventNames } = mergedStatementOf(manager, update);
  const rows = await runStatement(manager, sql, [...updateNames.map((name) => updateValues[name]), ...eventNames.map((name) => eventValues[name])]);
  const row = rows[0];
  if (row === undefined) return null;
  return { row, placed: withoutPlacement(row) };
}

/**
 * PostgreSQL: the head move, a new row's INSERT (`target`'s columns, `rowValues` in database form
 * by property name) and its first event in ONE statement. The row is inserted from the head's
 * CTE, so the head is locked first here too. Answers the stored row (database column names, as
 * `RETURNING *`) and the event's place.
 */
export async function insertAndAppendAtHead(
  manager: EntityManager,
  target: EntityTarget<ObjectLiteral>,
  rowValues: Readonly<Record<string, unknown>>,
  eventValues: UnplacedEventValues,
): Promise<{ row: Record<string, unknown>; placed: PlacedEvent }> {
  const { sql, rowNames, eventNames } = insertStatementOf(manager.connection, target);
  const rows = await runStatement(manager, sql, [...rowNames.map((name) => rowValues[name]), ...eventNames.map((name) => eventValues[name])]);
  const row = rows[0];
  if (row === undefined) throw new Error("audit_head has no row: the audit-anchor migration has not run");
  return { row, placed: withoutPlacement(row) };
}

/** The event's place, taken out of the row it was answered with. */
function withoutPlacement(row: Record<string, unknown>): PlacedEvent {
  const placed = placedOf(row);
  delete row[PLACED_SEQUENCE];
  delete row[PLACED_HASH];
  return placed;
}

const PLACED_SEQUENCE = "psg_placed_global_sequence";
const PLACED_HASH = "psg_placed_global_hash";

async function runStatement(manager: EntityManager, sql: string, parameters: unknown[]): Promise<Record<string, unknown>[]> {
  const runner = manager.queryRunner;
  if (runner === undefined) throw new Error("An audit append runs inside the appending transaction");
  const result = await runner.query(namedStatement(manager.connection, sql), parameters, true);
  return result.records as Record<string, unknown>[];
}

function placedOf(row: Record<string, unknown>): PlacedEvent {
  return { globalSequence: Number(row[PLACED_SEQUENCE]), globalHash: String(row[PLACED_HASH]) };
}

/** The pieces both statements share: the head-moving CTE and the event INSERT, parameters from `$first`. */
interface AppendParts {
  /** `head AS (UPDATE ... RETURNING sequence, hash)`: moves the head. */
  head: string;
  /** `INSERT INTO ticket_event ... SELECT ... FROM <from> RETURNING ...`, `from` naming `head`. */
  insert(from: string): string;
  /** Event properties in parameter order. */
  names: readonly string[];
}

function appendParts(dataSource: DataSource, first: number): AppendParts {
  const escape = (name: string) => dataSource.driver.escape(name);
  const event = dataSource.getMetadata(TicketEventEntity);
  const head = dataSource.getMetadata(AuditHeadEntity);
  const placedColumns = new Set(["globalSequence", "globalHash"]);
  const columns = event.columns.filter((column) => !placedColumns.has(column.propertyName));
  const names = columns.map((column) => column.propertyName);
  const sequence = escape(head.findColumnWithPropertyName("sequence")!.databaseName);
  const hash = escape(head.findColumnWithPropertyName("hash")!.databaseName);
  const globalSequence = escape(event.findColumnWithPropertyName("globalSequence")!.databaseName);
  const globalHash = escape(event.findColumnWithPropertyName("globalHash")!.databaseName);
  const eventHash = `$${first + names.indexOf("hash")}::text`;
  return {
    head: `head AS (UPDATE ${escape(head.tableName)} SET ${sequence} = ${sequence} + 1, ${hash} = ${postgresNextGlobalHash(eventHash)} WHERE id = 1 RETURNING ${sequence}, ${hash})`,
    // INSERT ... SELECT: PostgreSQL types each parameter from its target column; no source row inserts nothing.
    insert: (from) =>
      `INSERT INTO ${escape(event.tableName)} (${columns.map((column) => escape(column.databaseName)).join(", ")}, ${globalSequence}, ${globalHash}) ` +
      `SELECT ${columns.map((_, index) => `$${first + index}`).join(", ")}, head.${sequence}, head.${hash} FROM ${from} ` +
      `RETURNING ${globalSequence} AS ${PLACED_SEQUENCE}, ${globalHash} AS ${PLACED_HASH}`,
    names,
  };
}

const mergedStatements = new WeakMap<PreparedStatement, WeakMap<DataSource, { sql: string; updateNames: readonly string[]; eventNames: readonly string[] }>>();

function mergedStatementOf(manager: EntityManager, update: PreparedStatement): { sql: string; updateNames: readonly string[]; eventNames: readonly string[] } {
  const dataSource = manager.connection;
  let byDataSource = mergedStatements.get(update);
  if (byDataSource === undefined) {
    byDataSource = new WeakMap();
    mergedStatements.set(update, byDataSource);
  }
  let statement = byDataSource.get(dataSource);
  if (statement === undefined) {
    const compiled = update.compiled(manager);
    const at = compiled.sql.lastIndexOf(" RETURNING ");
    if (at === -1 || !compiled.sql.slice(0, at).includes(" WHERE ")) throw new Error(`Not a conditional UPDATE ... RETURNING: ${compiled.sql}`);
    // The condition on `head` runs first (a one-time filter), so the head row is locked before the ticket row.
    const guarded = `${compiled.sql.slice(0, at)} AND EXISTS (SELECT 1 FROM head)${compiled.sql.slice(at)}`;
    const parts = appendParts(dataSource, compiled.names.length + 1);
    const sql =
      `WITH ${parts.head}, updated AS (${guarded}), appended AS (${parts.insert("head CROSS JOIN updated")}) ` +
      `SELECT updated.*, appended.${PLACED_SEQUENCE}, appended.${PLACED_HASH} FROM updated CROSS JOIN appended`;
    statement = { sql, updateNames: compiled.names, eventNames: parts.names };
    byDataSource.set(dataSource, statement);
  }
  return statement;
}

const insertStatements = new WeakMap<DataSource, Map<EntityTarget<ObjectLiteral>, { sql: string; rowNames: readonly string[]; eventNames: readonly string[] }>>();

function insertStatementOf(dataSource: DataSource, target: EntityTarget<ObjectLiteral>): { sql: string; rowNames: readonly string[]; eventNames: readonly string[] } {
  let byTarget = insertStatements.get(dataSource);
  if (byTarget === undefined) {
    byTarget = new Map();
    insertStatements.set(dataSource, byTarget);
  }
  let statement = byTarget.get(target);
  if (statement === undefined) {
    const escape = (name: string) => dataSource.driver.escape(name);
    const metadata = dataSource.getMetadata(target);
    const rowNames = metadata.columns.map((column) => column.propertyName);
    const parts = appendParts(dataSource, rowNames.length + 1);
    const insert =
      `INSERT INTO ${escape(metadata.tableName)} (${metadata.columns.map((column) => escape(column.databaseName)).join(", ")}) ` +
      `SELECT ${rowNames.map((_, index) => `$${index + 1}`).join(", ")} FROM head RETURNING ${metadata.columns.map((column) => escape(column.databaseName)).join(", ")}`;
    const sql =
      `WITH ${parts.head}, created AS (${insert}), appended AS (${parts.insert("head CROSS JOIN created")}) ` +
      `SELECT created.*, appended.${PLACED_SEQUENCE}, appended.${PLACED_HASH} FROM created CROSS JOIN appended`;
    statement = { sql, rowNames, eventNames: parts.names };
    byTarget.set(target, statement);
  }
  return statement;
}
