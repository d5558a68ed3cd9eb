import type { Driver, EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata.js';
import type { SqlParameters } from './sql-parameters.js';

export interface BulkInsertOptions<E> {
  /** The properties written, in this order; a row's missing value is written as NULL. */
  columns: readonly (keyof E & string)[];
  /** ON CONFLICT (target) DO UPDATE SET each of `update` to the proposed row's value. */
  onConflict?: { target: readonly (keyof E & string)[]; update: readonly (keyof E & string)[] };
  /** Rows per statement (SQLite caps the bound parameters of one statement). */
  chunk?: number;
}

// A multi-row INSERT written directly, for the hot write paths. TypeORM's InsertQueryBuilder
// names, registers and then searches a parameter per value, which the ingest profile showed to
// cost more than the database itself; here the values go through the driver's own conversion
// (transformers, dates as the dialect stores them) and get positional placeholders. The SQL is
// the same on PostgreSQL and SQLite (both take ON CONFLICT ... DO UPDATE with `excluded`).
export async function bulkInsert<E extends ObjectLiteral>(
  m: EntityManager,
  target: EntityTarget<E>,
  rows: readonly Partial<E>[],
  options: BulkInsertOptions<E>,
): Promise<void> {
  if (rows.length === 0) return;
  const { driver, columns, head, suffix } = insertShape(m, target, options);
  const chunk = options.chunk ?? 500;
  for (let start = 0; start < rows.length; start += chunk) {
    const values: unknown[] = [];
    const tuples = rows.slice(start, start + chunk).map((row) => {
      const marks = columns.map((column) => {
        values.push(stored(driver, row, column));
        return driver.createParameter(column.propertyName, values.length - 1);
      });
      return `(${marks.join(', ')})`;
    });
    await m.query(`${head} VALUES ${tuples.join(', ')}${suffix}`, values);
  }
}

/**
 * PostgreSQL: the same INSERT as one statement for any number of rows, each column's values
 * one array parameter (`SELECT * FROM unnest($1::integer[], ...)`): its text does not grow
 * with the rows, and it can be a part of a larger statement (a data-modifying WITH).
 */
export function bulkInsertStatement<E extends ObjectLiteral>(
  m: EntityManager,
  target: EntityTarget<E>,
  rows: readonly Partial<E>[],
  options: Omit<BulkInsertOptions<E>, 'chunk'>,
  params: SqlParameters,
): string {
  const { driver, columns, head, suffix } = insertShape(m, target, options);
  const arrays = columns.map((column) => {
    const values = rows.map((row) => stored(driver, row, column));
    return `${params.add(values)}::${arrayType(driver, column)}`;
  });
  return `${head} SELECT * FROM unnest(${arrays.join(', ')})${suffix}`;
}

// The column's PostgreSQL type, as an array. Date properties are `timestamptz` columns in
// every migration (see column-types.ts).
function arrayType(driver: Driver, column: ColumnMetadata): string {
  const type = column.type === Date ? 'timestamptz' : driver.normalizeType(column);
  return `${type}[]`;
}

// the driver's own conversion (transformers, dates as the dialect stores them); missing is NULL
function stored(driver: Driver, row: ObjectLiteral, column: ColumnMetadata): unknown {
  return driver.preparePersistentValue(row[column.propertyName], column) ?? null;
}

function insertShape<E extends ObjectLiteral>(
  m: EntityManager,
  target: EntityTarget<E>,
  options: Omit<BulkInsertOptions<E>, 'chunk'>,
) {
  const { driver } = m.dataSource;
  const metadata = m.dataSource.getMetadata(target);
  const columnOf = (property: string) => {
    const column = metadata.findColumnWithPropertyName(property);
    if (!column) throw new Error(`${metadata.name} has no column ${property}`);
    return column;
  };
  const names = (props: readonly string[]) =>
    props.map((p) => driver.escape(columnOf(p).databaseName));
  let suffix = '';
  if (options.onConflict) {
    const sets = names(options.onConflict.update).map((c) => `${c} = excluded.${c}`);
    suffix = ` ON CONFLICT (${names(options.onConflict.target).join(', ')}) DO UPDATE SET ${sets.join(', ')}`;
  }
  return {
    driver,
    columns: options.columns.map(columnOf),
    head: `INSERT INTO ${driver.escape(metadata.tableName)} (${names(options.columns).join(', ')})`,
    suffix,
  };
}
