import type { DataSource } from "typeorm";
import { fromIsoTime, runInTransaction, toIsoTime, withDatabaseLock } from "../db";
import type { RecordedSlaBreach, SlaBreachKind } from "./sla-breach";

/** A ticket the sweeper looks at: not in a final state, or final since the sweeper last looked. */
export interface SweepCandidate {
  readonly id: string;
  readonly slaPolicyVersion: number | null;
}

/**
 * States a ticket never leaves: its SLA can no longer change, so a sweep looks at a final ticket
 * once (in the sweep after it became final), never again.
 */
const FINAL_STATES = ["closed", "cancelled"] as const;

/** `ticket_sla_breach` rows (see the SlaBreach migration); every call holds the SQLite lock. */
export class SlaBreachStore {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Up to `limit` tickets with id > `afterId`, in id order (keyset pages): every non-final ticket,
   * plus final tickets last updated at or after `finalSince` (every final ticket when null). A
   * ticket closed after its target still has a breach to record (issue 16).
   */
  async candidates(afterId: string, limit: number, finalSince: Date | null = null): Promise<SweepCandidate[]> {
    const p = this.params();
    // Parameters in the order they appear: SQLite's `?` are positional.
    const [finalClause, finalParams] = finalSince === null ? ["1 = 1", []] : [`updated_at >= ${p(4)}`, [toIsoTime(finalSince)]];
    const rows = (await withDatabaseLock(this.dataSource, () =>
      this.dataSource.query(
        `SELECT id, sla_policy_version FROM ticket WHERE id > ${p(1)} AND (state NOT IN (${p(2)}, ${p(3)}) OR ${finalClause}) ORDER BY id LIMIT ${p(finalParams.length + 4)}`,
        [afterId, ...FINAL_STATES, ...finalParams, limit],
      ),
    )) as { id: string; sla_policy_version: number | string | null }[];
    return rows.map((row) => ({ id: row.id, slaPolicyVersion: row.sla_policy_version === null ? null : Number(row.sla_policy_version) }));
  }

  /**
   * Records breaches and pins unpinned policy versions in one transaction. A breach already
   * recorded (by an earlier sweep or another instance) is left as it is: `ON CONFLICT DO
   * NOTHING` on the (ticket_id, kind) key. Returns how many breaches were new.
   */
  async record(breaches: readonly RecordedSlaBreach[], pins: ReadonlyMap<string, number>): Promise<number> {
    if (breaches.length === 0 && pins.size === 0) return 0;
    const p = this.params();
    return runInTransaction(this.dataSource, async (manager) => {
      for (const [ticketId, version] of pins) {
        await manager.query(`UPDATE ticket SET sla_policy_version = ${p(1)} WHERE id = ${p(2)} AND sla_policy_version IS NULL`, [version, ticketId]);
      }
      let inserted = 0;
      for (const breach of breaches) {
        const rows = (await manager.query(
          `INSERT INTO ticket_sla_breach (ticket_id, kind, due_at, detected_at, policy_version) VALUES (${p(1)}, ${p(2)}, ${p(3)}, ${p(4)}, ${p(5)})
           ON CONFLICT (ticket_id, kind) DO NOTHING RETURNING ticket_id`,
          [breach.ticketId, breach.kind, toIsoTime(breach.dueAt), toIsoTime(breach.detectedAt), breach.policyVersion],
        )) as unknown[];
        inserted += rows.length;
      }
      return inserted;
    });
  }

  /** The recorded breaches of one ticket, first response first. */
  async breachesOf(ticketId: string): Promise<RecordedSlaBreach[]> {
    const p = this.params();
    const rows = (await withDatabaseLock(this.dataSource, () =>
      this.dataSource.query(
        `SELECT ticket_id, kind, due_at, detected_at, policy_version FROM ticket_sla_breach WHERE ticket_id = ${p(1)} ORDER BY kind`,
        [ticketId],
      ),
    )) as { ticket_id: string; kind: SlaBreachKind; due_at: string; detected_at: string; policy_version: number | string }[];
    return rows.map((row) => ({
      ticketId: row.ticket_id,
      kind: row.kind,
      dueAt: fromIsoTime(row.due_at),
      detectedAt: fromIsoTime(row.detected_at),
      policyVersion: Number(row.policy_version),
    }));
  }

  private params(): (index: number) => string {
    return this.dataSource.options.type === "postgres" ? (index) => `$${index}` : () => "?";
  }
}
