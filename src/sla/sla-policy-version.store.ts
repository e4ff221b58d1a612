import { In, IsNull, Not, type DataSource } from "typeorm";
import { Database } from "../db/database";
import { TicketEntity } from "../db/ticket.entity";

/**
 * The SLA policy version a ticket was opened under, stored in `ticket.sla_policy_version`.
 * Written once (only while NULL), so a ticket keeps its version whatever the offering file
 * says later. The ticket service knows nothing of SLA: the SLA module pins the version after
 * OPEN commits (see app.ts), and the breach sweeper pins rows that are still unpinned.
 */
export class SlaPolicyVersionStore {
  private readonly database: Database;

  constructor(dataSource: DataSource) {
    this.database = Database.of(dataSource);
  }

  /** Stores `version` for the ticket unless one is stored already (first writer wins). */
  async pin(ticketId: string, version: number): Promise<void> {
    await this.database.transaction((manager) => manager.update(TicketEntity, { id: ticketId, slaPolicyVersion: IsNull() }, { slaPolicyVersion: version }));
  }

  /** Stored versions of these tickets; tickets without one (or unknown ids) are absent. */
  async versionsOf(ticketIds: readonly string[]): Promise<Map<string, number>> {
    const versions = new Map<string, number>();
    if (ticketIds.length === 0) return versions;
    const rows = await this.database.read((manager) =>
      manager.find(TicketEntity, { select: { id: true, slaPolicyVersion: true }, where: { id: In([...ticketIds]), slaPolicyVersion: Not(IsNull()) } }),
    );
    for (const row of rows) versions.set(row.id, Number(row.slaPolicyVersion));
    return versions;
  }
}
