import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Alerts (issue 18): raised alerts keyed by their deterministic id (an occurrence is stored once,
 * whichever instance raises it), the delivery log per (alert, destination), routing rules and the
 * audit of rule changes. `alert_delivery` is the deliveries' outbox (leased like `outbox_job`, whose
 * ticket_id references a ticket: GDAP and incident alerts have none).
 */
export class Alerts1767225601800 implements MigrationInterface {
  name = "Alerts1767225601800";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE alert (
        id varchar(48) NOT NULL,
        kind varchar(48) NOT NULL,
        severity varchar(16) NOT NULL,
        customer_id varchar(64) NOT NULL,
        ticket_id varchar(36) NULL,
        occurred_at varchar(30) NOT NULL,
        raised_at varchar(30) NOT NULL,
        payload text NOT NULL,
        acknowledged_by varchar(128) NULL,
        acknowledged_at varchar(30) NULL,
        CONSTRAINT pk_alert PRIMARY KEY (id)
      )`);
    await queryRunner.query(`CREATE INDEX ix_alert_raised_at ON alert (raised_at)`);
    await queryRunner.query(`CREATE INDEX ix_alert_customer_id ON alert (customer_id)`);
    await queryRunner.query(`
      CREATE TABLE alert_delivery (
        alert_id varchar(48) NOT NULL REFERENCES alert(id),
        destination varchar(128) NOT NULL,
        channel varchar(16) NOT NULL,
        status varchar(16) NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
        attempts integer NOT NULL,
        last_error text NULL,
        last_attempt_at varchar(30) NULL,
        delivered_at varchar(30) NULL,
        next_attempt_at varchar(30) NOT NULL,
        lease_owner varchar(128) NULL,
        lease_expires_at varchar(30) NULL,
        created_at varchar(30) NOT NULL,
        CONSTRAINT pk_alert_delivery PRIMARY KEY (alert_id, destination)
      )`);
    await queryRunner.query(`CREATE INDEX ix_alert_delivery_due ON alert_delivery (status, next_attempt_at)`);
    await queryRunner.query(`
      CREATE TABLE alert_rule (
        id varchar(64) NOT NULL,
        name varchar(200) NOT NULL,
        kinds text NOT NULL,
        destinations text NOT NULL,
        customer_scope varchar(16) NOT NULL CHECK (customer_scope IN ('ALL', 'INCLUDE', 'EXCLUDE')),
        customer_ids text NOT NULL,
        min_severity varchar(16) NOT NULL,
        enabled integer NOT NULL,
        source varchar(16) NOT NULL,
        updated_by varchar(128) NOT NULL,
        updated_at varchar(30) NOT NULL,
        CONSTRAINT pk_alert_rule PRIMARY KEY (id)
      )`);
    await queryRunner.query(`
      CREATE TABLE alert_rule_change (
        id varchar(36) NOT NULL,
        rule_id varchar(64) NOT NULL,
        action varchar(16) NOT NULL,
        agent_id varchar(128) NOT NULL,
        agent_role varchar(32) NOT NULL,
        before text NULL,
        after text NULL,
        at varchar(30) NOT NULL,
        CONSTRAINT pk_alert_rule_change PRIMARY KEY (id)
      )`);
    await queryRunner.query(`CREATE INDEX ix_alert_rule_change_rule_id ON alert_rule_change (rule_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX ix_alert_rule_change_rule_id`);
    await queryRunner.query(`DROP TABLE alert_rule_change`);
    await queryRunner.query(`DROP TABLE alert_rule`);
    await queryRunner.query(`DROP INDEX ix_alert_delivery_due`);
    await queryRunner.query(`DROP TABLE alert_delivery`);
    await queryRunner.query(`DROP INDEX ix_alert_customer_id`);
    await queryRunner.query(`DROP INDEX ix_alert_raised_at`);
    await queryRunner.query(`DROP TABLE alert`);
  }
}
