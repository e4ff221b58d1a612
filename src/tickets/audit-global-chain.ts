import { createHash } from "node:crypto";
import type { EntityManager } from "typeorm";
import type { TicketEventEntity } from "../db/ticket-event.entity";

/**
 * The global audit chain: every ticket event, whatever its ticket, gets the next number of one
 * gap-free sequence and a hash that links it to the event before it in that sequence. The
 * per-ticket chain (audit-hash.ts) proves a ticket's history is internally consistent; this one
 * fixes the order of all histories, so a signed head (audit-checkpoint.ts) covers every ticket.
 */

/** An event row before it has its place in the global chain. */
export type UnchainedEventRow = Omit<TicketEventEntity, "globalSequence" | "globalHash">;

/** The last event of the global chain (sequence 0 and hash null before the first event). */
export interface GlobalHead {
  readonly sequence: number;
  readonly hash: string | null;
}

export const EMPTY_GLOBAL_HEAD: GlobalHead = { sequence: 0, hash: null };

/**
 * SHA-256 (lowercase hex) over the UTF-8 text `<globalSequence>:<eventHash>:<prevGlobalHash or "">`.
 * Plain text rather than canonical JSON so PostgreSQL computes the same value in the appending
 * UPDATE itself (one round trip under the head lock, see {@link POSTGRES_ADVANCE_HEAD_SQL}).
 */
export function computeGlobalHash(globalSequence: number, eventHash: string, prevGlobalHash: string | null): string {
  return createHash("sha256").update(`${globalSequence}:${eventHash}:${prevGlobalHash ?? ""}`, "utf8").digest("hex");
}

/** The row with the next global sequence after `head`, and the new head. */
export function chainGlobally(row: UnchainedEventRow, head: GlobalHead): { row: TicketEventEntity; head: GlobalHead } {
  const globalSequence = head.sequence + 1;
  const globalHash = computeGlobalHash(globalSequence, row.hash, head.hash);
  return { row: { ...row, globalSequence, globalHash }, head: { sequence: globalSequence, hash: globalHash } };
}

/**
 * PostgreSQL: takes the head row's lock (held to COMMIT, which serialises appenders), advances
 * the sequence and computes the new chain hash from the old one in one statement. `$1` is the
 * event's own hash. On the right of SET, `sequence` and `hash` are the old values.
 */
export const POSTGRES_ADVANCE_HEAD_SQL =
  `UPDATE audit_head SET sequence = sequence + 1, ` +
  `hash = encode(sha256(convert_to((sequence + 1)::text || ':' || $1 || ':' || coalesce(hash, ''), 'UTF8')), 'hex') ` +
  `WHERE id = 1 RETURNING sequence, hash`;

/** PostgreSQL: the next global sequence and hash for an event whose own hash is `eventHash` (inside the appending transaction). */
export async function advancePostgresHead(manager: EntityManager, eventHash: string): Promise<GlobalHead> {
  const result: unknown = await manager.query(POSTGRES_ADVANCE_HEAD_SQL, [eventHash]);
  // TypeORM answers an UPDATE on PostgreSQL with [rows, affectedCount].
  const rows = (Array.isArray(result) && Array.isArray(result[0]) ? result[0] : result) as { sequence: number; hash: string }[];
  const head = rows[0];
  if (head === undefined) throw new Error("audit_head has no row: the audit-anchor migration has not run");
  return { sequence: Number(head.sequence), hash: head.hash };
}

/**
 * Places a batch of rows (in order) at the end of the global chain and moves the head, inside the
 * caller's transaction (bulk seeding). Locks the head first on PostgreSQL.
 */
export async function appendBatchToGlobalChain(manager: EntityManager, rows: readonly UnchainedEventRow[]): Promise<TicketEventEntity[]> {
  const postgres = manager.connection.options.type === "postgres";
  const found = (await manager.query(`SELECT sequence, hash FROM audit_head WHERE id = 1${postgres ? " FOR UPDATE" : ""}`)) as GlobalHead[];
  let head: GlobalHead = found[0] === undefined ? missingHead() : { sequence: Number(found[0].sequence), hash: found[0].hash };
  const chained = rows.map((row) => {
    const next = chainGlobally(row, head);
    head = next.head;
    return next.row;
  });
  await manager.query(`UPDATE audit_head SET sequence = ${postgres ? "$1" : "?"}, hash = ${postgres ? "$2" : "?"} WHERE id = 1`, [head.sequence, head.hash]);
  return chained;
}

function missingHead(): never {
  throw new Error("audit_head has no row: the audit-anchor migration has not run");
}
