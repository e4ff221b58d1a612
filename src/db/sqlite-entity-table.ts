import type { Database, Statement } from "better-sqlite3";
import type { DataSource, EntityTarget, ObjectLiteral } from "typeorm";

/**
 * One entity's SQLite table for hand-written hot-path SQL: column names come from the entity's
 * TypeORM metadata (so they cannot drift from the entity), rows go in and come out as entity
 * objects.
 */
export class SqliteEntityTable<E extends ObjectLiteral> {
  readonly name: string;
  /** `column AS "property", ...`: a SELECT list whose rows are entity objects. */
  readonly selectList: string;
  private readonly columnOf = new Map<string, string>();
  private readonly properties: string[];
  private insertStatement: Statement | undefined;

  constructor(
    private readonly db: Database,
    dataSource: DataSource,
    entity: EntityTarget<E>,
  ) {
    const metadata = dataSource.getMetadata(entity);
    this.name = metadata.tableName;
    for (const column of metadata.columns) this.columnOf.set(column.propertyName, column.databaseName);
    this.properties = [...this.columnOf.keys()];
    this.selectList = this.properties.map((property) => `"${this.columnOf.get(property)}" AS "${property}"`).join(", ");
  }

  /** The quoted column name of an entity property. */
  column(property: keyof E & string): string {
    const name = this.columnOf.get(property);
    if (name === undefined) throw new Error(`${this.name} has no column for property ${property}`);
    return `"${name}"`;
  }

  /** Inserts one row (every column; absent values must be null, not undefined). */
  insert(row: E): void {
    this.insertStatement ??= this.db.prepare(
      `INSERT INTO "${this.name}" (${this.properties.map((p) => this.column(p)).join(", ")}) VALUES (${this.properties.map(() => "?").join(", ")})`,
    );
    this.insertStatement.run(this.properties.map((property) => row[property] as unknown));
  }

  /** Prepares `sql` on this table's connection (callers keep the statement and reuse it). */
  prepare(sql: string): Statement {
    return this.db.prepare(sql);
  }
}
