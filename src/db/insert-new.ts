import type { EntityManager, EntityTarget, FindOptionsWhere, ObjectLiteral, QueryDeepPartialEntity } from "typeorm";

/**
 * Inserts `row` unless a row with the same primary key exists (`ON CONFLICT DO NOTHING`);
 * answers whether it was stored. PostgreSQL tells by RETURNING (a concurrent writer's row counts
 * as existing); SQLite has one writer (database.ts), so looking first inside the transaction is exact.
 */
export async function insertIfNew<E extends ObjectLiteral>(manager: EntityManager, target: EntityTarget<E>, row: E): Promise<boolean> {
  const metadata = manager.connection.getMetadata(target);
  const insert = manager.createQueryBuilder().insert().into(target).values(row as QueryDeepPartialEntity<E>).orIgnore().updateEntity(false);
  if (manager.connection.options.type === "postgres") {
    const result = await insert.returning(metadata.primaryColumns.map((column) => column.databaseName)).execute();
    return (result.raw as unknown[]).length > 0;
  }
  const key = Object.fromEntries(metadata.primaryColumns.map((column) => [column.propertyName, row[column.propertyName] as unknown])) as FindOptionsWhere<E>;
  if (await manager.existsBy(target, key)) return false;
  await insert.execute();
  return true;
}
