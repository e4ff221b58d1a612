import { AuditHeadEntity } from "../db/audit-head.entity";
import { Database } from "../db/database";
import { TicketEventEntity } from "../db/ticket-event.entity";
import { checkCheckpointSignature, listCheckpoints, type AuditCheckpoint } from "./audit-checkpoint";
import { computeGlobalHash } from "./audit-global-chain";
import type { AuditPublicKey } from "./audit-signing-key";
import type { AuditFinding, AuditFindingKind } from "./audit-finding";
import type { TicketStore } from "./ticket.store";

/**
 * How far event times may run backwards along the global sequence, or past a checkpoint, before
 * it counts as back-dating: an event's time is read before its transaction commits, and
 * instances' clocks differ a little.
 */
export const AUDIT_CLOCK_SKEW_MS = 5 * 60_000;

const PAGE = 1_000;

export interface GlobalChainReport {
  globalSequence: number;
  checkpointsChecked: number;
  findings: AuditFinding[];
}

interface OpenCheckpoint {
  readonly checkpoint: AuditCheckpoint;
  /** Each ticket's last event seen in the checkpoint's range. */
  readonly heads: Map<string, { sequence: number; hash: string; firstSequence: number }>;
}

/**
 * Walks every event in global-sequence order: the sequence is gap-free, each global hash links
 * to the one before, times do not run backwards, and the head row matches the last event. Then
 * every checkpoint (stored, and from an external copy): its signature (when keys are given), that
 * the chain still hashes to its head at its sequence, and that the tickets it lists still end
 * where it says within its range; so a rewrite names the tickets it touched.
 */
export async function verifyGlobalChain(
  store: TicketStore,
  options: { externalCheckpoints: readonly AuditCheckpoint[]; publicKeys: readonly AuditPublicKey[] | undefined },
): Promise<GlobalChainReport> {
  const dataSource = store.dataSource;
  const database = Database.of(dataSource);
  const findings: AuditFinding[] = [];
  const report = (kind: AuditFindingKind, ticketId: string | null, sequence: number, globalSequence: number | null, reason: string) =>
    findings.push({ kind, ticketId, sequence, globalSequence, reason });

  const checkpoints = anchorCheckpoints(await listCheckpoints(dataSource), options, report);

  // Events outside the global chain (SQLite allows a NULL there).
  const outside = await database.read((manager) =>
    manager.createQueryBuilder(TicketEventEntity, "e").where("e.globalSequence IS NULL").orderBy("e.ticketId").addOrderBy("e.sequence").getMany(),
  );
  for (const row of outside) report("INSERTED", row.ticketId, row.sequence, null, "event has no global sequence (inserted outside the global chain)");

  let expected = 1;
  let previousHash: string | null | undefined = null;
  let latest: { atMs: number; globalSequence: number } | null = null;
  let lastEvent: TicketEventEntity | null = null;
  let next = 0;
  let open = null as OpenCheckpoint | null;
  const entryFor = (checkpoint: AuditCheckpoint): OpenCheckpoint =>
    open !== null && open.checkpoint === checkpoint ? open : { checkpoint, heads: new Map() };
  let signed: AuditCheckpoint | null = null;
  let checkpointsChecked = 0;
  const close = (entry: OpenCheckpoint) => {
    closeCheckpoint(entry, report);
    checkpointsChecked += 1;
  };

  for (let after = 0; ; ) {
    const rows = await database.read((manager) =>
      manager
        .createQueryBuilder(TicketEventEntity, "e")
        .where("e.globalSequence > :after", { after })
        .orderBy("e.globalSequence", "ASC")
        .limit(PAGE)
        .getMany(),
    );
    for (const row of rows) {
      const g = row.globalSequence!;
      const at = Date.parse(row.at);
      if (g > expected) {
        report("DELETED", null, 0, expected, `global sequence ${expected === g - 1 ? expected : `${expected}..${g - 1}`} missing (events deleted); the chain resumes with ticket ${row.ticketId} sequence ${row.sequence}`);
        previousHash = undefined;
      }
      if (previousHash !== undefined && computeGlobalHash(g, row.hash, previousHash) !== row.globalHash) {
        report("GLOBAL_CHAIN", row.ticketId, row.sequence, g, `global hash at sequence ${g} does not link to the event before it (event altered or inserted)`);
      }
      previousHash = row.globalHash;
      if (latest !== null && at < latest.atMs - AUDIT_CLOCK_SKEW_MS) {
        report("BACK_DATED", row.ticketId, row.sequence, g, `dated ${row.at}, earlier than global sequence ${latest.globalSequence} (${new Date(latest.atMs).toISOString()}) before it`);
      }
      if (latest === null || at > latest.atMs) latest = { atMs: at, globalSequence: g };

      // Checkpoints whose range ends before this event are complete.
      while (checkpoints[next] !== undefined && checkpoints[next]!.sequence < g) {
        close(entryFor(checkpoints[next]!));
        signed = checkpoints[next]!;
        open = null;
        next += 1;
      }
      const covering = checkpoints[next] !== undefined && checkpoints[next]!.fromSequence < g ? checkpoints[next]! : null;
      if (covering !== null) {
        const current = entryFor(covering);
        open = current;
        if (at > Date.parse(covering.at) + AUDIT_CLOCK_SKEW_MS) {
          report("BACK_DATED", row.ticketId, row.sequence, g, `dated ${row.at}, after checkpoint ${covering.sequence} (signed ${covering.at}) that covers it`);
        }
        const known = current.heads.get(row.ticketId);
        if (known === undefined) current.heads.set(row.ticketId, { sequence: row.sequence, hash: row.hash, firstSequence: row.sequence });
        else if (row.sequence > known.sequence) current.heads.set(row.ticketId, { ...known, sequence: row.sequence, hash: row.hash });
        if (g === covering.sequence && row.globalHash !== covering.headHash) {
          report("RECHAINED", null, 0, g, `the chain at global sequence ${g} no longer hashes to the head signed in checkpoint ${covering.sequence} (${covering.at}): history before it was rewritten`);
        }
      } else if (signed !== null && at < Date.parse(signed.at) - AUDIT_CLOCK_SKEW_MS) {
        report("BACK_DATED", row.ticketId, row.sequence, g, `dated ${row.at}, but appended after checkpoint ${signed.sequence} signed ${signed.at}`);
      }
      expected = g + 1;
      lastEvent = row;
    }
    if (rows.length < PAGE) break;
    after = rows[rows.length - 1]!.globalSequence!;
  }
  const length = expected - 1;
  for (; next < checkpoints.length; next += 1) {
    const checkpoint = checkpoints[next]!;
    const entry = entryFor(checkpoint);
    if (checkpoint.sequence > length) {
      report("TRUNCATED", null, 0, checkpoint.sequence, `checkpoint ${checkpoint.sequence} (${checkpoint.at}) covers global sequence ${checkpoint.sequence}, but the chain ends at ${length} (events removed from the end)`);
    }
    close(entry);
    open = null;
  }

  const head = await database.read((manager) => manager.findOne(AuditHeadEntity, { where: { id: 1 } }));
  if (head === null) report("GLOBAL_CHAIN", null, 0, null, "audit_head row is missing");
  else if (head.sequence !== length || head.hash !== (lastEvent?.globalHash ?? null)) {
    report("GLOBAL_CHAIN", lastEvent?.ticketId ?? null, lastEvent?.sequence ?? 0, length, `audit_head says sequence ${head.sequence}, but the chain ends at ${length} with another hash`);
  }
  return { globalSequence: length, checkpointsChecked, findings };
}

/**
 * The checkpoints to anchor on: the stored ones and an external copy's (the copy wins where they
 * differ), minus any whose signature does not verify; reports forged, foreign-key, differing,
 * deleted and missing-range checkpoints.
 */
function anchorCheckpoints(
  stored: readonly AuditCheckpoint[],
  options: { externalCheckpoints: readonly AuditCheckpoint[]; publicKeys: readonly AuditPublicKey[] | undefined },
  report: (kind: AuditFindingKind, ticketId: string | null, sequence: number, globalSequence: number | null, reason: string) => void,
): AuditCheckpoint[] {
  const bySequence = new Map(stored.map((checkpoint) => [checkpoint.sequence, checkpoint]));
  for (const external of options.externalCheckpoints) {
    const local = bySequence.get(external.sequence);
    if (local === undefined) {
      report("CHECKPOINT", null, 0, external.sequence, `checkpoint ${external.sequence} (${external.at}) of the external copy is not in the database (deleted)`);
    } else if (local.signature !== external.signature || local.headHash !== external.headHash) {
      report("CHECKPOINT", null, 0, external.sequence, `stored checkpoint ${external.sequence} differs from the external copy`);
    }
    bySequence.set(external.sequence, external);
  }
  const anchors: AuditCheckpoint[] = [];
  for (const checkpoint of [...bySequence.values()].sort((a, b) => a.sequence - b.sequence)) {
    if (options.publicKeys !== undefined) {
      const verdict = checkCheckpointSignature(checkpoint, options.publicKeys);
      if (verdict !== "valid") {
        const why = verdict === "unknown-key" ? `is signed by key ${checkpoint.keyId}, which is not the verifier's` : "has a signature that does not verify (forged or altered)";
        report("CHECKPOINT", null, 0, checkpoint.sequence, `checkpoint ${checkpoint.sequence} ${why}`);
        continue;
      }
    }
    const previous = anchors.at(-1);
    if (checkpoint.fromSequence !== (previous?.sequence ?? 0)) {
      report("CHECKPOINT", null, 0, checkpoint.sequence, `checkpoint ${checkpoint.sequence} starts after sequence ${checkpoint.fromSequence}, but the checkpoint before it ends at ${previous?.sequence ?? 0} (checkpoints missing)`);
    }
    anchors.push(checkpoint);
  }
  return anchors;
}

/** Compares the tickets a checkpoint lists with the events now in its range. */
function closeCheckpoint(
  entry: OpenCheckpoint,
  report: (kind: AuditFindingKind, ticketId: string | null, sequence: number, globalSequence: number | null, reason: string) => void,
): void {
  const { checkpoint, heads } = entry;
  const where = `checkpoint ${checkpoint.sequence} (${checkpoint.at})`;
  for (const [ticketId, sequence, hash] of checkpoint.tickets) {
    const now = heads.get(ticketId);
    if (now === undefined) {
      report("DELETED", ticketId, sequence, null, `${where} lists ticket ${ticketId} up to sequence ${sequence}, but none of its events are in that range any more (ticket or events deleted)`);
    } else if (now.sequence < sequence) {
      report("TRUNCATED", ticketId, now.sequence + 1, null, `${where} lists ticket ${ticketId} up to sequence ${sequence}, but its history there ends at ${now.sequence} (events removed)`);
    } else if (now.sequence > sequence) {
      report("INSERTED", ticketId, sequence + 1, null, `${where} lists ticket ${ticketId} up to sequence ${sequence}, but its history there runs to ${now.sequence} (events inserted)`);
    } else if (now.hash !== hash) {
      report("RECHAINED", ticketId, sequence, null, `${where} signed ticket ${ticketId} at sequence ${sequence} with another hash: its history was rewritten and re-chained`);
    }
  }
  const listed = new Set(checkpoint.tickets.map(([ticketId]) => ticketId));
  for (const [ticketId, head] of heads) {
    if (!listed.has(ticketId)) {
      report("INSERTED", ticketId, head.firstSequence, null, `ticket ${ticketId} has events in the range of ${where}, which does not list it (inserted)`);
    }
  }
}
