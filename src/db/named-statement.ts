import { createHash } from "node:crypto";
import type { DataSource } from "typeorm";

const named = new Map<string, string>();

/**
 * PostgreSQL: `sql` as a named (server-side prepared) statement, parsed and planned once per
 * connection instead of at every call; on the gateway's hot statements, parse and plan cost more
 * than running them. TypeORM's PostgreSQL runner hands its query argument to pg's `client.query`
 * unchanged, and pg runs an object with `name` and `text` as a prepared statement; its toString()
 * is the SQL, so TypeORM's logger (String(query)) and subscribers' patterns still see the text. SQLite: `sql`
 * as it is (TypeORM's better-sqlite3 driver keeps its own statement cache).
 *
 * Statements given here must answer a fixed column list (no `RETURNING *` / `SELECT *`): a
 * column another instance's migration adds then does not change a cached plan's result type.
 * A pooler in front of PostgreSQL must pass prepared statements through (PgBouncer 1.21+ with
 * `max_prepared_statements`).
 */
export function namedStatement(dataSource: DataSource, sql: string): string {
  if (dataSource.options.type !== "postgres") return sql;
  let statement = named.get(sql);
  if (statement === undefined) {
    const name = `psg_${createHash("sha256").update(sql).digest("hex").slice(0, 24)}`;
    statement = new NamedStatementText(name, sql) as unknown as string;
    named.set(sql, statement);
  }
  return statement;
}

/** pg's query config for a named statement; reads as its SQL wherever it is taken for a string. */
class NamedStatementText {
  constructor(
    readonly name: string,
    readonly text: string,
  ) {}

  toString(): string {
    return this.text;
  }
}
