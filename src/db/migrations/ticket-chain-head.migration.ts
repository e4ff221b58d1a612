import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The ticket row keeps the head of its own audit chain (the last event's sequence and hash), so a
 * transition links its event to the one before without reading `ticket_event` under the audit head
 * lock: the row read for the write carries it, and the version check that guards the write
 * guarantees it is still the head. Backfilled from each ticket's last event; a row left without it
 * (bulk seeds) is written through the read-the-last-event path, which then fills it in.
 */
export class TicketChainHead1767225602000 implements MigrationInterface {
  name = "TicketChainHead1767225602000";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE ticket ADD COLUMN last_event_sequence integer NULL`);
    await queryRunner.query(`ALTER TABLE ticket ADD COLUMN last_event_hash varchar(64) NULL`);
    await queryRunner.query(
      `UPDATE ticket SET
         last_event_sequence = (SELECT e.sequence FROM ticket_event e WHERE e.ticket_id = ticket.id ORDER BY e.sequence DESC LIMIT 1),
         last_event_hash = (SELECT e.hash FROM ticket_event e WHERE e.ticket_id = ticket.id ORDER BY e.sequence DESC LIMIT 1)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE ticket DROP COLUMN last_event_hash`);
    await queryRunner.query(`ALTER TABLE ticket DROP COLUMN last_event_sequence`);
  }
}
