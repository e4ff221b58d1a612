import type { EntityManager, EntityTarget, ObjectLiteral, QueryDeepPartialEntity } from "typeorm";

/**
 * `UPDATE ... WHERE <condition>` of the row with primary key `id`, answering the updated row as an
 * entity, or null when the condition matched nothing. PostgreSQL answers in the same round trip
 * (RETURNING, hydrated through the entity's column metadata and transformers); SQLite, whose
 * TypeORM driver has no RETURNING, reads the row back on the same (in-process) connection.
 */
export async function updateReturning<E extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<E>,
  id: string,
  set: QueryDeepPartialEntity<E>,
  condition: string,
  parameters: Record<string, unknown>,
): Promise<E | null> {
  const metadata = manager.connection.getMetadata(target);
  const update = manager.createQueryBuilder().update(target).set(set).where(`id = :id AND ${condition}`, { ...parameters, id });
  if (manager.connection.options.type !== "postgres") {
    const result = await update.execute();
    return result.affected === 1 ? manager.findOneBy(target, { id } as never) : null;
  }
  const result = await update.returning("*").execute();
  const raw = (result.raw as Record<string, unknown>[])[0];
  if (raw === undefined) return null;
  const row = metadata.create() as E;
  const driver = manager.connection.driver;
  for (const column of metadata.columns) {
    if (!column.isSelect) continue;
    (row as Record<string, unknown>)[column.propertyName] = driver.prepareHydratedValue(raw[column.databaseName], column);
  }
  return row;
}
