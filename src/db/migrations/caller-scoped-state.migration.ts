import type { MigrationInterface, QueryRunner } from "typeorm";
import { scopedIdempotencyKey } from "../../tickets/idempotency-scope";

/**
 * Issue 13, state that must not cross callers or sit readable on disk:
 * - `ticket.idempotency_key` now holds the key scoped to its agent and customer
 *   (src/tickets/idempotency-scope.ts); existing keys are rewritten to that form for their
 *   ticket's creator and customer, so a retry across the upgrade still finds its ticket.
 * - `escalation_assertion` rows written before sealing hold bearer tokens in plain text: they are
 *   deleted (on SQLite with `secure_delete`, so the freed pages are zeroed). An open escalation
 *   gets a sealed sign-in again with the next escalation command of an agent.
 */
export class CallerScopedState1767225601300 implements MigrationInterface {
  name = "CallerScopedState1767225601300";

  async up(queryRunner: QueryRunner): Promise<void> {
    const sqlite = queryRunner.connection.options.type === "better-sqlite3";
    const rows = (await queryRunner.query(
      `SELECT id, created_by, customer_id, idempotency_key FROM ticket WHERE idempotency_key IS NOT NULL`,
    )) as { id: string; created_by: string; customer_id: string; idempotency_key: string }[];
    for (const row of rows) {
      await queryRunner.query(sqlite ? `UPDATE ticket SET idempotency_key = ? WHERE id = ?` : `UPDATE ticket SET idempotency_key = $1 WHERE id = $2`, [
        scopedIdempotencyKey(row.created_by, row.customer_id, row.idempotency_key),
        row.id,
      ]);
    }
    if (sqlite) await queryRunner.query(`PRAGMA secure_delete = ON`);
    await queryRunner.query(`DELETE FROM escalation_assertion`);
  }

  async down(): Promise<void> {
    // Scoped keys cannot be turned back into the clients' keys, and deleted tokens stay deleted.
  }
}
