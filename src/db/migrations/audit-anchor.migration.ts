import type { MigrationInterface, QueryRunner } from "typeorm";
import { computeGlobalHash, EMPTY_GLOBAL_HEAD, type GlobalHead } from "../../tickets/audit-global-chain";

const BACKFILL_BATCH = 500;

interface BackfillRow {
  id: string;
  hash: string;
  at: string;
  ticket_id: string;
  sequence: number;
}

/**
 * The anchored audit trail (issue 14): a global, gap-free sequence and hash chain over every
 * ticket event (`ticket_event.global_sequence` / `global_hash`), its head (`audit_head`, one row)
 * and signed checkpoints of that head (`audit_checkpoint`). Existing events are placed in the
 * global chain in a deterministic order: event time, ticket id, ticket sequence.
 */
export class AuditAnchor1767225600814 implements MigrationInterface {
  name = "AuditAnchor1767225600814";

  async up(queryRunner: QueryRunner): Promise<void> {
    const postgres = queryRunner.connection.options.type === "postgres";
    await queryRunner.query(`CREATE TABLE audit_head (id integer PRIMARY KEY CHECK (id = 1), sequence integer NOT NULL, hash varchar(64) NULL)`);
    await queryRunner.query(`
      CREATE TABLE audit_checkpoint (
        sequence integer PRIMARY KEY,
        from_sequence integer NOT NULL,
        head_hash varchar(64) NOT NULL,
        at varchar(30) NOT NULL,
        key_id varchar(64) NOT NULL,
        tickets text NOT NULL,
        signature text NOT NULL
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX ux_audit_checkpoint_from_sequence ON audit_checkpoint (from_sequence)`);
    await queryRunner.query(`ALTER TABLE ticket_event ADD COLUMN global_sequence integer NULL`);
    await queryRunner.query(`ALTER TABLE ticket_event ADD COLUMN global_hash varchar(64) NULL`);

    // The append-only triggers refuse the backfill's UPDATEs: lift them for this transaction only.
    if (postgres) await queryRunner.query(`ALTER TABLE ticket_event DISABLE TRIGGER ticket_event_no_update_delete`);
    else await queryRunner.query(`DROP TRIGGER ticket_event_no_update`);
    // The backfill pages in (at, ticket_id, sequence) order: without this index every page would sort the rest of the table.
    await queryRunner.query(`CREATE INDEX ix_ticket_event_backfill ON ticket_event (at, ticket_id, sequence)`);
    const head = await backfill(queryRunner, postgres);
    await queryRunner.query(`DROP INDEX ix_ticket_event_backfill`);
    if (postgres) await queryRunner.query(`ALTER TABLE ticket_event ENABLE TRIGGER ticket_event_no_update_delete`);
    else {
      await queryRunner.query(`
        CREATE TRIGGER ticket_event_no_update BEFORE UPDATE ON ticket_event
        BEGIN SELECT RAISE(ABORT, 'ticket_event is append-only: UPDATE refused'); END`);
    }

    await queryRunner.query(`INSERT INTO audit_head (id, sequence, hash) VALUES (1, ${postgres ? "$1, $2" : "?, ?"})`, [head.sequence, head.hash]);
    await queryRunner.query(`CREATE UNIQUE INDEX ux_ticket_event_global_sequence ON ticket_event (global_sequence)`);
    if (postgres) {
      await queryRunner.query(`ALTER TABLE ticket_event ALTER COLUMN global_sequence SET NOT NULL, ALTER COLUMN global_hash SET NOT NULL`);
      await queryRunner.query(`
        CREATE FUNCTION audit_checkpoint_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          RAISE EXCEPTION 'audit_checkpoint is append-only: % refused', TG_OP USING ERRCODE = 'restrict_violation';
        END;
        $$`);
      await queryRunner.query(`
        CREATE TRIGGER audit_checkpoint_no_update_delete BEFORE UPDATE OR DELETE ON audit_checkpoint
        FOR EACH ROW EXECUTE FUNCTION audit_checkpoint_append_only()`);
    } else {
      await queryRunner.query(`
        CREATE TRIGGER audit_checkpoint_no_update BEFORE UPDATE ON audit_checkpoint
        BEGIN SELECT RAISE(ABORT, 'audit_checkpoint is append-only: UPDATE refused'); END`);
      await queryRunner.query(`
        CREATE TRIGGER audit_checkpoint_no_delete BEFORE DELETE ON audit_checkpoint
        BEGIN SELECT RAISE(ABORT, 'audit_checkpoint is append-only: DELETE refused'); END`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const postgres = queryRunner.connection.options.type === "postgres";
    await queryRunner.query(`DROP INDEX ux_ticket_event_global_sequence`);
    if (postgres) {
      await queryRunner.query(`ALTER TABLE ticket_event DROP COLUMN global_hash, DROP COLUMN global_sequence`);
      await queryRunner.query(`DROP TABLE audit_checkpoint`);
      await queryRunner.query(`DROP FUNCTION audit_checkpoint_append_only()`);
    } else {
      await queryRunner.query(`ALTER TABLE ticket_event DROP COLUMN global_hash`);
      await queryRunner.query(`ALTER TABLE ticket_event DROP COLUMN global_sequence`);
      await queryRunner.query(`DROP TABLE audit_checkpoint`);
    }
    await queryRunner.query(`DROP TABLE audit_head`);
  }
}

/** Chains every existing event in (at, ticket_id, sequence) order, in keyset-paged batches; returns the head. */
async function backfill(queryRunner: QueryRunner, postgres: boolean): Promise<GlobalHead> {
  let head = EMPTY_GLOBAL_HEAD;
  let after: BackfillRow | null = null;
  for (;;) {
    const where = after === null ? "" : postgres ? `WHERE (at, ticket_id, sequence) > ($1, $2, $3)` : `WHERE (at, ticket_id, sequence) > (?, ?, ?)`;
    const params = after === null ? [] : [after.at, after.ticket_id, after.sequence];
    const rows = (await queryRunner.query(
      `SELECT id, hash, at, ticket_id, sequence FROM ticket_event ${where} ORDER BY at, ticket_id, sequence LIMIT ${BACKFILL_BATCH}`,
      params,
    )) as BackfillRow[];
    if (rows.length === 0) return head;
    const updates: { id: string; sequence: number; hash: string }[] = [];
    for (const row of rows) {
      const sequence = head.sequence + 1;
      const hash = computeGlobalHash(sequence, row.hash, head.hash);
      head = { sequence, hash };
      updates.push({ id: row.id, sequence, hash });
    }
    if (postgres) {
      const values = updates.map((_, index) => `($${index * 3 + 1}::varchar, $${index * 3 + 2}::integer, $${index * 3 + 3}::varchar)`).join(", ");
      await queryRunner.query(
        `UPDATE ticket_event AS e SET global_sequence = v.s, global_hash = v.h FROM (VALUES ${values}) AS v(id, s, h) WHERE e.id = v.id`,
        updates.flatMap((update) => [update.id, update.sequence, update.hash]),
      );
    } else {
      for (const update of updates) {
        await queryRunner.query(`UPDATE ticket_event SET global_sequence = ?, global_hash = ? WHERE id = ?`, [update.sequence, update.hash, update.id]);
      }
    }
    after = rows[rows.length - 1]!;
  }
}
