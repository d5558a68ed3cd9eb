import type { DataSource } from 'typeorm';

/** The number of rows in every table the app maps, keyed by table name. */
export async function rowCounts(dataSource: DataSource): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const meta of dataSource.entityMetadatas) {
    counts[meta.tableName] = await dataSource.manager.count(meta.target);
  }
  return counts;
}
