import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * A one-row table `/ready` writes to (issue 14): a committed write is the only honest probe that
 * the database can take writes (a full disk or a read-only file passes `SELECT 1`).
 */
export class ReadinessProbe1767225601400 implements MigrationInterface {
  name = "ReadinessProbe1767225601400";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE readiness_probe (id integer PRIMARY KEY, probed_at varchar(30) NOT NULL)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE readiness_probe`);
  }
}
