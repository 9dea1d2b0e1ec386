import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';

/**
 * Turns a row read as JSON (`json_agg(t)`, keys are column names) into the entity TypeORM would
 * have built, through the entity's own column metadata and the driver's value conversion (so
 * timestamps become Dates, jsonb stays an object). Lets one statement carry several tables' rows,
 * where separate finds would cost a statement each.
 */
export function hydrate<T extends ObjectLiteral>(dataSource: DataSource, target: EntityTarget<T>, raw: Record<string, unknown>): T {
  const metadata = dataSource.getMetadata(target);
  const entity = metadata.create() as T;
  for (const column of metadata.columns) {
    if (column.databaseName in raw) column.setEntityValue(entity, dataSource.driver.prepareHydratedValue(raw[column.databaseName], column));
  }
  return entity;
}
