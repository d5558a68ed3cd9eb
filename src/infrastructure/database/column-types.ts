import type { QueryRunner } from 'typeorm';

// The few column types that differ between the two dialects we support. Everything else in the
// migrations uses types both understand.
export function dialectTypes(queryRunner: QueryRunner) {
  const postgres = queryRunner.connection.driver.options.type === 'postgres';
  return {
    timestamp: postgres ? 'timestamptz' : 'datetime',
    bigIncrement: postgres ? 'bigint' : 'integer',
    double: postgres ? 'double precision' : 'real',
    json: postgres ? 'jsonb' : 'text',
  };
}
