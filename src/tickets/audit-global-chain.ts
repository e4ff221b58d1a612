import { createHash } from "node:crypto";
import type { EntityManager } from "typeorm";
import { AuditHeadEntity } from "../db/audit-head.entity";
import { PreparedStatement } from "../db/prepared-statement";
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
 * statement itself (`postgresNextGlobalHash`, src/db/audit-append.statement.ts).
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
 * SQLite: the next global sequence and hash for an event whose own hash is `eventHash`, with the
 * head moved, inside the appending transaction. SQLite has one writer (database.ts), so reading the
 * head and writing it back in the same transaction is gap-free. PostgreSQL moves the head inside
 * the appending statement itself (src/db/audit-append.statement.ts).
 */
export async function advanceGlobalHead(manager: EntityManager, eventHash: string): Promise<GlobalHead> {
  if (manager.connection.options.type === "postgres") throw new Error("PostgreSQL moves the audit head in the appending statement (audit-append.statement.ts)");
  const raw = (await READ_HEAD.run(manager, {})).rows[0] ?? missingHead();
  const head: GlobalHead = { sequence: Number(raw["sequence"]), hash: (raw["hash"] as string | null) ?? null };
  const sequence = head.sequence + 1;
  const next = { sequence, hash: computeGlobalHash(sequence, eventHash, head.hash) };
  const moved = await MOVE_HEAD.run(manager, { from: head.sequence, sequence: next.sequence, hash: next.hash });
  if (moved.affected !== 1) throw new Error("audit_head moved under its writer");
  return next;
}

const READ_HEAD = new PreparedStatement(
  (manager) => manager.createQueryBuilder(AuditHeadEntity, "h").select("h.sequence", "sequence").addSelect("h.hash", "hash").where("h.id = 1"),
  [],
);
const MOVE_HEAD = new PreparedStatement(
  (manager) => manager.createQueryBuilder().update(AuditHeadEntity).set({ sequence: () => ":sequence", hash: () => ":hash" }).where("id = 1 AND sequence = :from"),
  ["sequence", "hash", "from"],
);

/**
 * Places a batch of rows (in order) at the end of the global chain and moves the head, inside the
 * caller's transaction (bulk seeding). Locks the head first on PostgreSQL.
 */
export async function appendBatchToGlobalChain(manager: EntityManager, rows: readonly UnchainedEventRow[]): Promise<TicketEventEntity[]> {
  const first = await readHead(manager, true);
  let head = first;
  const chained = rows.map((row) => {
    const next = chainGlobally(row, head);
    head = next.head;
    return next.row;
  });
  await moveHead(manager, first, head);
  return chained;
}

async function readHead(manager: EntityManager, lock: boolean): Promise<GlobalHead> {
  const qb = manager.createQueryBuilder(AuditHeadEntity, "h").where("h.id = 1");
  if (lock && manager.connection.options.type === "postgres") qb.setLock("pessimistic_write");
  const head = (await qb.getOne()) ?? missingHead();
  return { sequence: head.sequence, hash: head.hash };
}

async function moveHead(manager: EntityManager, from: GlobalHead, to: GlobalHead): Promise<void> {
  const moved = await manager
    .createQueryBuilder()
    .update(AuditHeadEntity)
    .set({ sequence: to.sequence, hash: to.hash })
    .where("id = 1 AND sequence = :from", { from: from.sequence })
    .execute();
  if (moved.affected !== 1) throw new Error("audit_head moved under its writer");
}

function missingHead(): never {
  throw new Error("audit_head has no row: the audit-anchor migration has not run");
}
