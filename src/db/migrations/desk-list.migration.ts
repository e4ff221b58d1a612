import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * What the desk's ticket list searches and sorts on (issue 16):
 * - Full-text search over title and description. SQLite: an FTS5 table over `ticket` (external
 *   content, keyed by the ticket's rowid) kept in step by triggers; only a change of title or
 *   description rewrites its entry. PostgreSQL: a GIN expression index on the same tsvector the
 *   list query computes (`to_tsvector('simple', title || ' ' || description)`), so nothing extra
 *   is stored. Both tokenise alike: lower case, diacritics kept, letters and digits.
 * - `ticket_sla_due`: each ticket's next SLA deadline (see TicketSlaDueEntity), for "SLA due" order.
 */
export class DeskList1767225601650 implements MigrationInterface {
  name = "DeskList1767225601650";

  async up(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type === "postgres") {
      await queryRunner.query(`CREATE INDEX ix_ticket_search ON ticket USING GIN (to_tsvector('simple', title || ' ' || description))`);
    } else {
      await queryRunner.query(
        `CREATE VIRTUAL TABLE ticket_search USING fts5(title, description, content='ticket', content_rowid='rowid', tokenize='unicode61 remove_diacritics 0')`,
      );
      await queryRunner.query(`CREATE TRIGGER ticket_search_insert AFTER INSERT ON ticket BEGIN
        INSERT INTO ticket_search (rowid, title, description) VALUES (new.rowid, new.title, new.description);
      END`);
      await queryRunner.query(`CREATE TRIGGER ticket_search_delete AFTER DELETE ON ticket BEGIN
        INSERT INTO ticket_search (ticket_search, rowid, title, description) VALUES ('delete', old.rowid, old.title, old.description);
      END`);
      await queryRunner.query(`CREATE TRIGGER ticket_search_update AFTER UPDATE OF title, description ON ticket BEGIN
        INSERT INTO ticket_search (ticket_search, rowid, title, description) VALUES ('delete', old.rowid, old.title, old.description);
        INSERT INTO ticket_search (rowid, title, description) VALUES (new.rowid, new.title, new.description);
      END`);
      // Index the tickets that exist already.
      await queryRunner.query(`INSERT INTO ticket_search (ticket_search) VALUES ('rebuild')`);
    }
    await queryRunner.query(`
      CREATE TABLE ticket_sla_due (
        ticket_id varchar(36) NOT NULL REFERENCES ticket(id),
        due_at varchar(30) NULL,
        computed_at varchar(30) NOT NULL,
        CONSTRAINT pk_ticket_sla_due PRIMARY KEY (ticket_id)
      )`);
    await queryRunner.query(`CREATE INDEX ix_ticket_sla_due_due_at ON ticket_sla_due (due_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX ix_ticket_sla_due_due_at`);
    await queryRunner.query(`DROP TABLE ticket_sla_due`);
    if (queryRunner.connection.options.type === "postgres") {
      await queryRunner.query(`DROP INDEX ix_ticket_search`);
    } else {
      for (const trigger of ["ticket_search_insert", "ticket_search_delete", "ticket_search_update"]) {
        await queryRunner.query(`DROP TRIGGER ${trigger}`);
      }
      await queryRunner.query(`DROP TABLE ticket_search`);
    }
  }
}
