import { createHash, sign, verify } from "node:crypto";
import type { DataSource, EntityManager } from "typeorm";
import { AuditCheckpointEntity } from "../db/audit-checkpoint.entity";
import { AuditHeadEntity } from "../db/audit-head.entity";
import { Database } from "../db/database";
import { toIsoTime } from "../db/iso-time";
import { TicketEventEntity } from "../db/ticket-event.entity";
import { isUniqueViolation } from "../db/unique-violation";
import { computeGlobalHash } from "./audit-global-chain";
import { canonicalJson } from "./audit-hash";
import type { AuditPublicKey, AuditSigningKey } from "./audit-signing-key";

/** A ticket's last event inside a checkpoint's range: `[ticketId, ticketSequence, eventHash]`. */
export type CheckpointTicketHead = readonly [ticketId: string, sequence: number, hash: string];

/**
 * A signed statement "the global audit chain had this head at this time": it covers global
 * sequences `fromSequence + 1 .. sequence` (`fromSequence` is the previous checkpoint's
 * `sequence`, 0 for the first), `headHash` is the chain hash at `sequence`, and `tickets` names
 * each ticket with events in the range and its last event there, so a verifier can say which
 * ticket a rewrite touched. `signature` is Ed25519 (base64) over {@link checkpointSigningInput}.
 */
export interface AuditCheckpoint {
  readonly fromSequence: number;
  readonly sequence: number;
  readonly headHash: string;
  /** ISO-8601 time of signing. */
  readonly at: string;
  readonly keyId: string;
  readonly tickets: readonly CheckpointTicketHead[];
  readonly signature: string;
}

/** The chain since the last checkpoint does not link up: nothing is signed over a broken chain. */
export class AuditChainBrokenError extends Error {
  constructor(readonly globalSequence: number, readonly ticketId: string | null, message: string) {
    super(message);
    this.name = "AuditChainBrokenError";
  }
}

const PAGE = 1_000;

/** The exact bytes a checkpoint's signature covers (canonical JSON, tickets by their SHA-256). */
export function checkpointSigningInput(checkpoint: Omit<AuditCheckpoint, "signature">): Buffer {
  const ticketsSha256 = createHash("sha256").update(canonicalJson(checkpoint.tickets.map((head) => [...head])), "utf8").digest("hex");
  return Buffer.from(
    canonicalJson({
      kind: "psg-audit-checkpoint",
      version: 1,
      fromSequence: checkpoint.fromSequence,
      sequence: checkpoint.sequence,
      headHash: checkpoint.headHash,
      at: checkpoint.at,
      keyId: checkpoint.keyId,
      ticketsSha256,
    }),
    "utf8",
  );
}

export function signCheckpoint(fields: Omit<AuditCheckpoint, "signature" | "keyId">, key: AuditSigningKey): AuditCheckpoint {
  const unsigned = { ...fields, keyId: key.keyId };
  return { ...unsigned, signature: sign(null, checkpointSigningInput(unsigned), key.privateKey).toString("base64") };
}

/** `valid`, `invalid` (forged or altered), or `unknown-key` (signed by a key the verifier was not given). */
export function checkCheckpointSignature(checkpoint: AuditCheckpoint, keys: readonly AuditPublicKey[]): "valid" | "invalid" | "unknown-key" {
  const key = keys.find((candidate) => candidate.keyId === checkpoint.keyId);
  if (key === undefined) return "unknown-key";
  try {
    return verify(null, checkpointSigningInput(checkpoint), key.publicKey, Buffer.from(checkpoint.signature, "base64")) ? "valid" : "invalid";
  } catch {
    return "invalid";
  }
}

/**
 * Signs the current head of the global chain, if it moved since the last checkpoint, and stores
 * the checkpoint. Before signing it re-links the chain from the last checkpoint's head to the
 * current one (a chain rewritten since is refused with AuditChainBrokenError, never signed).
 * Returns null when there is nothing new, or when another instance stored the same range first.
 */
export async function writeCheckpoint(dataSource: DataSource, key: AuditSigningKey, now: Date = new Date()): Promise<AuditCheckpoint | null> {
  const database = Database.of(dataSource);
  // Read, sign, then store: the linking reads never hold up writers.
  const checkpoint = await database.read(async (manager) => {
    const last = await manager.createQueryBuilder(AuditCheckpointEntity, "c").orderBy("c.sequence", "DESC").limit(1).getOne();
    const head = await manager.findOne(AuditHeadEntity, { where: { id: 1 } });
    if (head === null) throw new Error("audit_head has no row: the audit-anchor migration has not run");
    const fromSequence = last?.sequence ?? 0;
    if (head.sequence === fromSequence) return null;
    const tickets = await linkSegment(manager, fromSequence, last?.headHash ?? null, head.sequence, head.hash);
    return signCheckpoint({ fromSequence, sequence: head.sequence, headHash: head.hash!, at: toIsoTime(now), tickets }, key);
  });
  if (checkpoint === null) return null;
  try {
    await database.transaction((manager) => manager.insert(AuditCheckpointEntity, toCheckpointRow(checkpoint)));
    return checkpoint;
  } catch (error) {
    // Two instances signed the same range: the first one's checkpoint stands.
    if (isUniqueViolation(error)) return null;
    throw error;
  }
}

/** Re-links global sequences (from, to] starting at `fromHash`; returns each ticket's last event in the range. */
async function linkSegment(manager: EntityManager, from: number, fromHash: string | null, to: number, toHash: string | null): Promise<CheckpointTicketHead[]> {
  const heads = new Map<string, { sequence: number; hash: string }>();
  let expected = from + 1;
  let previous = fromHash;
  while (expected <= to) {
    const rows = await manager
      .createQueryBuilder(TicketEventEntity, "e")
      .where("e.globalSequence >= :expected AND e.globalSequence <= :to", { expected, to })
      .orderBy("e.globalSequence", "ASC")
      .limit(PAGE)
      .getMany();
    if (rows.length === 0) throw new AuditChainBrokenError(expected, null, `global sequence ${expected} is missing`);
    for (const row of rows) {
      if (row.globalSequence !== expected) throw new AuditChainBrokenError(expected, null, `global sequence ${expected} is missing`);
      if (computeGlobalHash(expected, row.hash, previous) !== row.globalHash) {
        throw new AuditChainBrokenError(expected, row.ticketId, `global chain broken at sequence ${expected} (ticket ${row.ticketId} sequence ${row.sequence})`);
      }
      previous = row.globalHash;
      const known = heads.get(row.ticketId);
      if (known === undefined || known.sequence < row.sequence) heads.set(row.ticketId, { sequence: row.sequence, hash: row.hash });
      expected += 1;
    }
  }
  if (previous !== toHash) throw new AuditChainBrokenError(to, null, `audit_head does not match the chain at sequence ${to}`);
  return [...heads.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([ticketId, head]) => [ticketId, head.sequence, head.hash] as const);
}

/** Every stored checkpoint, oldest first. */
export async function listCheckpoints(dataSource: DataSource): Promise<AuditCheckpoint[]> {
  const rows = await Database.of(dataSource).read((manager) => manager.find(AuditCheckpointEntity, { order: { sequence: "ASC" } }));
  return rows.map(fromCheckpointRow);
}

export function toCheckpointRow(checkpoint: AuditCheckpoint): AuditCheckpointEntity {
  return {
    sequence: checkpoint.sequence,
    fromSequence: checkpoint.fromSequence,
    headHash: checkpoint.headHash,
    at: checkpoint.at,
    keyId: checkpoint.keyId,
    tickets: canonicalJson(checkpoint.tickets.map((head) => [...head])),
    signature: checkpoint.signature,
  };
}

export function fromCheckpointRow(row: AuditCheckpointEntity): AuditCheckpoint {
  return parseCheckpoint({ ...row, tickets: JSON.parse(row.tickets) as unknown }, `audit_checkpoint ${row.sequence}`);
}

/** One checkpoint per line, oldest first (an external copy for `audit:verify --checkpoints`). */
export function checkpointsToNdjson(checkpoints: readonly AuditCheckpoint[]): string {
  return checkpoints.map((checkpoint) => `${canonicalJson({ ...checkpoint, tickets: checkpoint.tickets.map((head) => [...head]) })}\n`).join("");
}

/** Parses an NDJSON checkpoint export; throws naming the first malformed line. */
export function parseCheckpointsNdjson(text: string): AuditCheckpoint[] {
  return text
    .split("\n")
    .map((line, index) => ({ line: line.trim(), number: index + 1 }))
    .filter(({ line }) => line !== "")
    .map(({ line, number }) => {
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch {
        throw new Error(`checkpoint file line ${number}: not JSON`);
      }
      return parseCheckpoint(value, `checkpoint file line ${number}`);
    });
}

function parseCheckpoint(value: unknown, where: string): AuditCheckpoint {
  const fail = (what: string): never => {
    throw new Error(`${where}: ${what}`);
  };
  if (value === null || typeof value !== "object") fail("not an object");
  const v = value as Record<string, unknown>;
  const int = (name: string): number => (Number.isInteger(v[name]) && (v[name] as number) >= 0 ? (v[name] as number) : fail(`${name} must be a whole number`));
  const text = (name: string): string => (typeof v[name] === "string" && v[name] !== "" ? (v[name] as string) : fail(`${name} must be a string`));
  if (!Array.isArray(v.tickets)) fail("tickets must be an array");
  const tickets = (v.tickets as unknown[]).map((head): CheckpointTicketHead => {
    if (!Array.isArray(head) || head.length !== 3 || typeof head[0] !== "string" || !Number.isInteger(head[1]) || typeof head[2] !== "string") {
      return fail("tickets entries must be [ticketId, sequence, hash]");
    }
    return [head[0], head[1] as number, head[2]];
  });
  return {
    fromSequence: int("fromSequence"),
    sequence: int("sequence"),
    headHash: text("headHash"),
    at: text("at"),
    keyId: text("keyId"),
    tickets,
    signature: text("signature"),
  };
}
