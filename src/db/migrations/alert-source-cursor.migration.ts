import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Alerts from ticket events survive a crash between commit and raise (issue 18): the catch-up
 * pass keeps the last global sequence it processed here and re-derives the alerts after it.
 * No row until the first start with this table: that start anchors it at the newest event.
 */
export class AlertSourceCursor1767225601900 implements MigrationInterface {
  name = "AlertSourceCursor1767225601900";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE alert_source_cursor (
        source varchar(48) NOT NULL,
        position integer NOT NULL,
        updated_at varchar(30) NOT NULL,
        CONSTRAINT pk_alert_source_cursor PRIMARY KEY (source)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE alert_source_cursor`);
  }
}
