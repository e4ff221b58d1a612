import type { DataSource, ObjectLiteral } from "typeorm";

/**
 * TypeORM's SQLite driver writes number parameters into the SQL text instead of binding them, so
 * `version = 7` and `version = 8` are two statements, each prepared anew and crowding the
 * driver's statement cache. Boxed, they are bound like strings; unboxed again for better-sqlite3.
 */
export function bindNumbers(dataSource: DataSource): void {
  const driver = dataSource.driver;
  const escape = driver.escapeQueryWithParameters.bind(driver);
  driver.escapeQueryWithParameters = (sql: string, parameters: ObjectLiteral): [string, unknown[]] => {
    const boxed = Object.fromEntries(Object.entries(parameters ?? {}).map(([key, value]) => [key, typeof value === "number" ? Object(value) : value]));
    const [text, values] = escape(sql, boxed);
    return [text, values.map((value: unknown) => (value instanceof Number ? value.valueOf() : value))];
  };
}
