import type { DataSource, EntityManager, EntityTarget, ObjectLiteral, QueryBuilder } from "typeorm";
import { namedStatement } from "./named-statement";

/**
 * A hot-path query whose SQL TypeORM's QueryBuilder generates once per DataSource: building a
 * query (alias maps, property-name rewriting, parameter escaping) costs more CPU than SQLite takes
 * to run it, and every ticket write runs the same handful of statements. The builder names every
 * value as a `:parameter` (values as `() => ":name"` in set()/values()), so the cached SQL and the
 * order of its parameters serve every call; `run` binds the call's values in that order.
 *
 * Values are bound as given: convert entity values with {@link columnValues} (transformers and
 * the driver's conversions) first. Results are raw rows (database column names); {@link hydrate}
 * turns one into an entity.
 */
export class PreparedStatement {
  private readonly cache = new WeakMap<DataSource, { sql: string; names: readonly string[] }>();

  /**
   * `build` must name every value as a parameter of `names` (and bind no other value).
   * `returning`: database column names an UPDATE or INSERT answers with (RETURNING, on both
   * databases; TypeORM's SQLite driver does not generate it, though SQLite has had it since 3.35);
   * "*" names every column of the statement's entity. On PostgreSQL the statement is a named,
   * server-side prepared one (see {@link namedStatement}).
   */
  constructor(
    private readonly build: (manager: EntityManager) => QueryBuilder<ObjectLiteral>,
    private readonly names: readonly string[],
    private readonly returning: readonly string[] = [],
  ) {}

  /** Runs the statement with `parameters`; rows it answers (SELECT, RETURNING) and rows it changed. */
  async run(manager: EntityManager, parameters: Readonly<Record<string, unknown>>): Promise<{ rows: Record<string, unknown>[]; affected: number }> {
    const { sql, names } = this.compiled(manager);
    const values = names.map((name) => parameters[name]);
    const runner = manager.queryRunner ?? manager.connection.createQueryRunner();
    let result;
    try {
      result = await runner.query(namedStatement(manager.connection, sql), values, true);
    } finally {
      if (manager.queryRunner === undefined) await runner.release();
    }
    const rows = Array.isArray(result.records) ? (result.records as Record<string, unknown>[]) : [];
    return { rows, affected: result.affected ?? rows.length };
  }

  /** The statement's SQL for `manager`'s database and the parameter names in binding order (built once). */
  compiled(manager: EntityManager): { sql: string; names: readonly string[] } {
    const dataSource = manager.connection;
    let compiled = this.cache.get(dataSource);
    if (compiled === undefined) {
      const qb = this.build(manager);
      // Unique markers as the values: where each lands in TypeORM's parameter list gives the order.
      qb.setParameters(Object.fromEntries(this.names.map((name) => [name, MARKER + name])));
      const [sql, values] = qb.getQueryAndParameters();
      const names = values.map((value: unknown) => {
        if (typeof value !== "string" || !value.startsWith(MARKER)) throw new Error(`A prepared statement binds a value that is not a named parameter: ${sql}`);
        return value.slice(MARKER.length);
      });
      const driver = dataSource.driver;
      // "*" is every column of the statement's entity, named: a fixed list a prepared statement can keep (named-statement.ts).
      const columns = this.returning.flatMap((column) =>
        column === "*" ? (qb.expressionMap.mainAlias?.metadata.columns.map((c) => c.databaseName) ?? []) : [column],
      );
      const returning = columns.length === 0 ? "" : ` RETURNING ${columns.map((column) => driver.escape(column)).join(", ")}`;
      compiled = { sql: sql + returning, names };
      this.cache.set(dataSource, compiled);
    }
    return compiled;
  }
}

const MARKER = "\u0000prepared-parameter:";

/** `row`'s values as the database stores them (column transformers and driver conversions), by property name. */
export function columnValues<E extends ObjectLiteral>(manager: EntityManager, target: EntityTarget<E>, row: Partial<E>): Record<string, unknown> {
  const metadata = manager.connection.getMetadata(target);
  const driver = manager.connection.driver;
  const values: Record<string, unknown> = {};
  for (const column of metadata.columns) {
    if (!(column.propertyName in row)) continue;
    values[column.propertyName] = driver.preparePersistentValue((row as Record<string, unknown>)[column.propertyName], column);
  }
  return values;
}

/** A raw row (database column names) as an entity, through the columns' transformers. */
export function hydrate<E extends ObjectLiteral>(manager: EntityManager, target: EntityTarget<E>, raw: Record<string, unknown>): E {
  const metadata = manager.connection.getMetadata(target);
  const driver = manager.connection.driver;
  const row = metadata.create() as Record<string, unknown>;
  for (const column of metadata.columns) {
    if (column.isSelect && column.databaseName in raw) row[column.propertyName] = driver.prepareHydratedValue(raw[column.databaseName], column);
  }
  return row as E;
}

/** The property names of `target`'s columns (every column of a full row). */
export function columnProperties(manager: EntityManager, target: EntityTarget<ObjectLiteral>): string[] {
  return manager.connection.getMetadata(target).columns.map((column) => column.propertyName);
}
