import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * State of the escalation workers that is not part of a ticket's history:
 * - `escalation_assertion`: the latest access token of the agent who escalated (or answered
 *   Microsoft on) a ticket, kept only so the workers can call Partner Center on their behalf
 *   (App+User, on-behalf-of flow). It never enters the audit trail or logs, and is useless after
 *   `expires_at` (the token's own expiry).
 * - `service_request_sync`: when the sync poller last read a ticket's service request and what it saw.
 */
export class EscalationState1767225600200 implements MigrationInterface {
  name = "EscalationState1767225600200";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE escalation_assertion (
        ticket_id varchar(36) PRIMARY KEY,
        agent_id varchar(128) NOT NULL,
        assertion text NOT NULL,
        expires_at varchar(30) NOT NULL,
        updated_at varchar(30) NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE service_request_sync (
        ticket_id varchar(36) PRIMARY KEY,
        service_request_id varchar(32) NOT NULL,
        upstream_status varchar(32) NOT NULL,
        last_synced_at varchar(30) NOT NULL,
        last_error text NULL
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE service_request_sync`);
    await queryRunner.query(`DROP TABLE escalation_assertion`);
  }
}
