import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Makes `ticket_event` append-only inside the database, so even code or a person with SQL
 * access cannot quietly rewrite history: UPDATE, DELETE (and on PostgreSQL TRUNCATE) raise.
 * The hash chain detects tampering after the fact; this refuses it up front.
 */
export class TicketEventAppendOnly1767225600001 implements MigrationInterface {
  name = "TicketEventAppendOnly1767225600001";

  async up(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type === "postgres") {
      await queryRunner.query(`
        CREATE FUNCTION ticket_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          RAISE EXCEPTION 'ticket_event is append-only: % refused', TG_OP
            USING ERRCODE = 'restrict_violation';
        END;
        $$`);
      await queryRunner.query(`
        CREATE TRIGGER ticket_event_no_update_delete BEFORE UPDATE OR DELETE ON ticket_event
        FOR EACH ROW EXECUTE FUNCTION ticket_event_append_only()`);
      await queryRunner.query(`
        CREATE TRIGGER ticket_event_no_truncate BEFORE TRUNCATE ON ticket_event
        FOR EACH STATEMENT EXECUTE FUNCTION ticket_event_append_only()`);
      return;
    }
    // SQLite has no TRUNCATE; DELETE without WHERE fires the row trigger too.
    await queryRunner.query(`
      CREATE TRIGGER ticket_event_no_update BEFORE UPDATE ON ticket_event
      BEGIN SELECT RAISE(ABORT, 'ticket_event is append-only: UPDATE refused'); END`);
    await queryRunner.query(`
      CREATE TRIGGER ticket_event_no_delete BEFORE DELETE ON ticket_event
      BEGIN SELECT RAISE(ABORT, 'ticket_event is append-only: DELETE refused'); END`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type === "postgres") {
      await queryRunner.query(`DROP TRIGGER ticket_event_no_truncate ON ticket_event`);
      await queryRunner.query(`DROP TRIGGER ticket_event_no_update_delete ON ticket_event`);
      await queryRunner.query(`DROP FUNCTION ticket_event_append_only()`);
      return;
    }
    await queryRunner.query(`DROP TRIGGER ticket_event_no_delete`);
    await queryRunner.query(`DROP TRIGGER ticket_event_no_update`);
  }
}
