import type { DataSource, EntityManager } from "typeorm";
import { AuditHeadEntity } from "./audit-head.entity";
import { TicketEventEntity } from "./ticket-event.entity";

/**
 * PostgreSQL's next global chain hash, computed from the head row's old values in the UPDATE that
 * moves it (`computeGlobalHash` in src/tickets/audit-global-chain.ts is the same function):
 * SHA-256 hex of `<sequence + 1>:<eventHash>:<old hash or "">`. `eventHash` is the SQL of the
 * event hash's value (a parameter).
 */
export const postgresNextGlobalHash = (eventHash: string): string =>
  `encode(sha256(convert_to((sequence + 1)::text || ':' || ${eventHash} || ':' || coalesce(hash, ''), 'UTF8')), 'hex')`;

/** The event's values (database form, by property name) except its place in the global chain. */
export type UnplacedEventValues = Readonly<Record<string, unknown>>;

const compiled = new WeakMap<DataSource, { sql: string; names: readonly string[] }>();

/**
 * PostgreSQL: moves the audit head (its row is locked since BEGIN, database.ts) and inserts the
 * event with the head's new sequence and hash in ONE statement, a data-modifying CTE: one round
 * trip under the lock instead of two. `values` are the event row's columns as the database stores
 * them, without `globalSequence` / `globalHash`; answers those two.
 */
export async function appendEventAtHead(manager: EntityManager, values: UnplacedEventValues): Promise<{ globalSequence: number; globalHash: string }> {
  const { sql, names } = statementOf(manager.connection);
  const runner = manager.queryRunner;
  if (runner === undefined) throw new Error("appendEventAtHead runs inside the appending transaction");
  const result = await runner.query(sql, [values["hash"], ...names.map((name) => values[name])], true);
  const row = (result.records as Record<string, unknown>[])[0];
  if (row === undefined) throw new Error("audit_head has no row: the audit-anchor migration has not run");
  return { globalSequence: Number(row["global_sequence"]), globalHash: String(row["global_hash"]) };
}

function statementOf(dataSource: DataSource): { sql: string; names: readonly string[] } {
  let statement = compiled.get(dataSource);
  if (statement === undefined) {
    const escape = (name: string) => dataSource.driver.escape(name);
    const event = dataSource.getMetadata(TicketEventEntity);
    const head = dataSource.getMetadata(AuditHeadEntity);
    const placed = new Set(["globalSequence", "globalHash"]);
    const columns = event.columns.filter((column) => !placed.has(column.propertyName));
    const sequence = escape(head.findColumnWithPropertyName("sequence")!.databaseName);
    const hash = escape(head.findColumnWithPropertyName("hash")!.databaseName);
    const globalSequence = escape(event.findColumnWithPropertyName("globalSequence")!.databaseName);
    const globalHash = escape(event.findColumnWithPropertyName("globalHash")!.databaseName);
    // VALUES (not SELECT) so PostgreSQL types each parameter from its target column.
    const sql =
      `WITH head AS (UPDATE ${escape(head.tableName)} SET ${sequence} = ${sequence} + 1, ${hash} = ${postgresNextGlobalHash("$1::text")} WHERE id = 1 RETURNING ${sequence}, ${hash}) ` +
      `INSERT INTO ${escape(event.tableName)} (${columns.map((column) => escape(column.databaseName)).join(", ")}, ${globalSequence}, ${globalHash}) ` +
      `VALUES (${columns.map((_, index) => `$${index + 2}`).join(", ")}, (SELECT ${sequence} FROM head), (SELECT ${hash} FROM head)) ` +
      `RETURNING ${globalSequence}, ${globalHash}`;
    statement = { sql, names: columns.map((column) => column.propertyName) };
    compiled.set(dataSource, statement);
  }
  return statement;
}
