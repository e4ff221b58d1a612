import type { DataSource } from "typeorm";
import { withDatabaseLock } from "../db";

/**
 * The SLA policy version a ticket was opened under, stored in `ticket.sla_policy_version`.
 * Written once (only while NULL), so a ticket keeps its version whatever the offering file
 * says later. The ticket service knows nothing of SLA: the SLA module pins the version after
 * OPEN commits (see app.ts), and the breach sweeper pins rows that are still unpinned.
 */
export class SlaPolicyVersionStore {
  constructor(private readonly dataSource: DataSource) {}

  /** Stores `version` for the ticket unless one is stored already (first writer wins). */
  async pin(ticketId: string, version: number): Promise<void> {
    await withDatabaseLock(this.dataSource, () =>
      this.dataSource.query(`UPDATE ticket SET sla_policy_version = ${this.param(1)} WHERE id = ${this.param(2)} AND sla_policy_version IS NULL`, [
        version,
        ticketId,
      ]),
    );
  }

  /** Stored versions of these tickets; tickets without one (or unknown ids) are absent. */
  async versionsOf(ticketIds: readonly string[]): Promise<Map<string, number>> {
    const versions = new Map<string, number>();
    if (ticketIds.length === 0) return versions;
    const placeholders = ticketIds.map((_, index) => this.param(index + 1)).join(", ");
    const rows = (await withDatabaseLock(this.dataSource, () =>
      this.dataSource.query(`SELECT id, sla_policy_version FROM ticket WHERE id IN (${placeholders}) AND sla_policy_version IS NOT NULL`, [...ticketIds]),
    )) as { id: string; sla_policy_version: number | string }[];
    for (const row of rows) versions.set(row.id, Number(row.sla_policy_version));
    return versions;
  }

  /** The stored version of one ticket, or null. */
  async versionOf(ticketId: string): Promise<number | null> {
    return (await this.versionsOf([ticketId])).get(ticketId) ?? null;
  }

  private param(index: number): string {
    return this.dataSource.options.type === "postgres" ? `$${index}` : "?";
  }
}
