import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * SLA state that must not depend on the offering file at read time (issue 6):
 * - `ticket.sla_policy_version`: the SLA policy version in effect when the ticket was opened,
 *   stored once, so that later edits of the offering never move an old ticket to another
 *   version. Nullable: rows from before this migration fall back to deriving the version from
 *   the policies' `effectiveFrom` dates (and are pinned by the breach sweeper on first sight).
 * - `ticket_sla_breach`: every missed target, recorded once per (ticket, kind) by the breach
 *   sweeper; the unique key makes a second sweep, or a second gateway instance, insert nothing.
 */
export class SlaBreach1767225600600 implements MigrationInterface {
  name = "SlaBreach1767225600600";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE ticket ADD COLUMN sla_policy_version integer NULL`);
    await queryRunner.query(`
      CREATE TABLE ticket_sla_breach (
        ticket_id varchar(36) NOT NULL REFERENCES ticket(id),
        kind varchar(16) NOT NULL CHECK (kind IN ('FIRST_RESPONSE', 'RESOLUTION')),
        due_at varchar(30) NOT NULL,
        detected_at varchar(30) NOT NULL,
        policy_version integer NOT NULL,
        CONSTRAINT pk_ticket_sla_breach PRIMARY KEY (ticket_id, kind)
      )`);
    await queryRunner.query(`CREATE INDEX ix_ticket_sla_breach_detected_at ON ticket_sla_breach (detected_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX ix_ticket_sla_breach_detected_at`);
    await queryRunner.query(`DROP TABLE ticket_sla_breach`);
    await queryRunner.query(`ALTER TABLE ticket DROP COLUMN sla_policy_version`);
  }
}
