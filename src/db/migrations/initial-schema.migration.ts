import { Table, TableForeignKey, TableIndex } from "typeorm";
import type { MigrationInterface, QueryRunner, TableColumnOptions } from "typeorm";

// Driver-neutral column helpers: the same types work on SQLite and PostgreSQL.
const id = (name: string): TableColumnOptions => ({ name, type: "varchar", length: "36" });
const str = (name: string, length: number, isNullable = false): TableColumnOptions => ({
  name,
  type: "varchar",
  length: String(length),
  isNullable,
});
const text = (name: string, isNullable = false): TableColumnOptions => ({ name, type: "text", isNullable });
const int = (name: string): TableColumnOptions => ({ name, type: "integer" });
/** ISO-8601 UTC with milliseconds; lexicographic order = time order. */
const time = (name: string, isNullable = false): TableColumnOptions => str(name, 30, isNullable);

/** Creates `ticket`, `ticket_event` and `outbox_job` with their indexes. */
export class InitialSchema1767225600000 implements MigrationInterface {
  name = "InitialSchema1767225600000";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: "ticket",
        columns: [
          { ...id("id"), isPrimary: true },
          str("customer_id", 64),
          text("title"),
          text("description"),
          str("category", 32),
          str("product", 32),
          str("severity", 16),
          text("channel", true),
          str("state", 32),
          str("state_path", 128),
          str("assignee_id", 128, true),
          text("snapshot"),
          int("machine_version"),
          int("version"),
          str("idempotency_key", 255, true),
          str("request_fingerprint", 128, true),
          str("created_by", 128),
          time("created_at"),
          time("updated_at"),
        ],
        indices: [
          new TableIndex({ name: "ix_ticket_customer_id", columnNames: ["customer_id"] }),
          new TableIndex({ name: "ix_ticket_state", columnNames: ["state"] }),
          new TableIndex({ name: "ix_ticket_assignee_id", columnNames: ["assignee_id"] }),
          new TableIndex({ name: "ix_ticket_updated_at", columnNames: ["updated_at"] }),
          // NULLs never collide in a unique index on either database, so tickets without a key are fine.
          new TableIndex({ name: "ux_ticket_idempotency_key", columnNames: ["idempotency_key"], isUnique: true }),
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: "ticket_event",
        columns: [
          { ...id("id"), isPrimary: true },
          id("ticket_id"),
          str("customer_id", 64),
          int("sequence"),
          str("type", 64),
          str("from_state", 128),
          str("to_state", 128),
          str("actor_id", 128),
          text("actor_name"),
          str("actor_role", 32),
          text("payload"),
          time("at"),
          int("machine_version"),
          str("prev_hash", 64, true),
          str("hash", 64),
        ],
        indices: [
          new TableIndex({
            name: "ux_ticket_event_ticket_sequence",
            columnNames: ["ticket_id", "sequence"],
            isUnique: true,
          }),
          new TableIndex({ name: "ix_ticket_event_at", columnNames: ["at"] }),
          new TableIndex({ name: "ix_ticket_event_actor_id", columnNames: ["actor_id"] }),
          new TableIndex({ name: "ix_ticket_event_customer_at", columnNames: ["customer_id", "at"] }),
        ],
        foreignKeys: [
          new TableForeignKey({
            name: "fk_ticket_event_ticket",
            columnNames: ["ticket_id"],
            referencedTableName: "ticket",
            referencedColumnNames: ["id"],
          }),
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: "outbox_job",
        columns: [
          { ...id("id"), isPrimary: true },
          id("ticket_id"),
          str("kind", 64),
          str("idempotency_key", 255),
          text("payload"),
          str("status", 16),
          int("attempts"),
          time("next_attempt_at"),
          str("lease_owner", 128, true),
          time("lease_expires_at", true),
          text("last_error", true),
          time("created_at"),
          time("updated_at"),
        ],
        indices: [
          new TableIndex({ name: "ux_outbox_job_idempotency_key", columnNames: ["idempotency_key"], isUnique: true }),
          new TableIndex({ name: "ix_outbox_job_status_next_attempt", columnNames: ["status", "next_attempt_at"] }),
        ],
        foreignKeys: [
          new TableForeignKey({
            name: "fk_outbox_job_ticket",
            columnNames: ["ticket_id"],
            referencedTableName: "ticket",
            referencedColumnNames: ["id"],
          }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable("outbox_job");
    await queryRunner.dropTable("ticket_event");
    await queryRunner.dropTable("ticket");
  }
}
