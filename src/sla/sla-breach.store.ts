import { IsNull, type DataSource } from "typeorm";
import { toIsoTime } from "../db/iso-time";
import { Database } from "../db/database";
import { insertIfNew } from "../db/insert-new";
import { TicketSlaBreachEntity } from "../db/ticket-sla-breach.entity";
import { TicketEntity } from "../db/ticket.entity";
import type { RecordedSlaBreach } from "./sla-breach";
import { FINAL_STATES } from "./ticket-sla";

/** A ticket the sweeper looks at: not in a final state, or final since the sweeper last looked. */
export interface SweepCandidate {
  readonly id: string;
  readonly slaPolicyVersion: number | null;
}

/** `ticket_sla_breach` rows (see the SlaBreach migration). */
export class SlaBreachStore {
  private readonly database: Database;

  constructor(dataSource: DataSource) {
    this.database = Database.of(dataSource);
  }

  /**
   * Up to `limit` tickets with id > `afterId`, in id order (keyset pages): every non-final ticket,
   * plus final tickets last updated at or after `finalSince` (every final ticket when null; a final
   * ticket's SLA no longer changes, so a sweep looks at it once). A ticket closed after its target
   * still has a breach to record (issue 16).
   */
  async candidates(afterId: string, limit: number, finalSince: Date | null = null): Promise<SweepCandidate[]> {
    const rows = await this.database.read((manager) => {
      const query = manager
        .createQueryBuilder(TicketEntity, "t")
        .select(["t.id", "t.slaPolicyVersion"])
        .where("t.id > :afterId", { afterId })
        .orderBy("t.id", "ASC")
        .take(limit);
      if (finalSince !== null) query.andWhere("(t.state NOT IN (:...finalStates) OR t.updatedAt >= :finalSince)", { finalStates: [...FINAL_STATES], finalSince: toIsoTime(finalSince) });
      return query.getMany();
    });
    return rows.map((row) => ({ id: row.id, slaPolicyVersion: row.slaPolicyVersion ?? null }));
  }

  /**
   * Records breaches and pins unpinned policy versions in one transaction. A breach already
   * recorded (by an earlier sweep or another instance) is left as it is: `ON CONFLICT DO
   * NOTHING` on the (ticket_id, kind) key. Returns how many breaches were new.
   */
  async record(breaches: readonly RecordedSlaBreach[], pins: ReadonlyMap<string, number>): Promise<number> {
    if (breaches.length === 0 && pins.size === 0) return 0;
    return this.database.transaction(async (manager) => {
      for (const [ticketId, version] of pins) {
        await manager.update(TicketEntity, { id: ticketId, slaPolicyVersion: IsNull() }, { slaPolicyVersion: version });
      }
      let inserted = 0;
      for (const breach of breaches) {
        const row = { ticketId: breach.ticketId, kind: breach.kind, dueAt: breach.dueAt, detectedAt: breach.detectedAt, policyVersion: breach.policyVersion };
        if (await insertIfNew(manager, TicketSlaBreachEntity, row)) inserted += 1;
      }
      return inserted;
    });
  }

  /** The recorded breaches of one ticket, first response first. */
  async breachesOf(ticketId: string): Promise<RecordedSlaBreach[]> {
    const rows = await this.database.read((manager) => manager.find(TicketSlaBreachEntity, { where: { ticketId }, order: { kind: "ASC" } }));
    return rows.map((row) => ({ ticketId: row.ticketId, kind: row.kind, dueAt: row.dueAt, detectedAt: row.detectedAt, policyVersion: row.policyVersion }));
  }
}
