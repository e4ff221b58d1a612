import { createHash } from "node:crypto";
import type { DataSource } from "typeorm";
import { Database } from "../../../src/db";

/** The tables a rejected mutation must leave untouched. */
export const AUDITED_TABLES = ["ticket", "ticket_event", "outbox_job"] as const;

export interface DatabaseChecksum {
  rows: Record<(typeof AUDITED_TABLES)[number], number>;
  sha256: string;
}

/** Row counts plus a SHA-256 over every row of ticket, ticket_event and outbox_job, in id order. */
export async function databaseChecksum(dataSource: DataSource): Promise<DatabaseChecksum> {
  return Database.of(dataSource).read(async (manager) => {
    const hash = createHash("sha256");
    const rows = {} as DatabaseChecksum["rows"];
    for (const table of AUDITED_TABLES) {
      const result: Record<string, unknown>[] = await manager.query(`SELECT * FROM ${table} ORDER BY id`);
      rows[table] = result.length;
      hash.update(`${table}\n`);
      for (const row of result) hash.update(`${JSON.stringify(Object.entries(row).sort(([a], [b]) => a.localeCompare(b)))}\n`);
    }
    return { rows, sha256: hash.digest("hex") };
  });
}
