import type { EntityManager } from 'typeorm';
import type { ChargePointEvent } from '../../../../common/contracts/charge-point-events.js';
import { SqlParameters } from '../../../../infrastructure/database/sql-parameters.js';
import type { BatchScope } from '../batch-scope.js';
import type { EmittedBy, SeqRow, SeqStamper } from './seq-stamper.js';

// PostgreSQL: a batch's deferred writes and its seq stamping as one statement, each write a
// data-modifying WITH of the stamping UPDATE. One statement is atomic by itself: outside a
// transaction it needs no BEGIN and no COMMIT, one round trip for the batch where the
// transaction took five.
// A charger that emitted but is gone must undo the whole statement, as it rolls a transaction
// back: the statement then divides by zero (the stamped chargers are fewer than the emitting
// ones), PostgreSQL discards everything it did, and the caller learns which unit from a retry.
export class OneStatementWrite {
  constructor(private readonly stamper: SeqStamper) {}

  /**
   * Writes and stamps. Null, with nothing sent or taken from the scope, when a deferred write
   * has no statement form.
   */
  async write(
    m: EntityManager,
    scope: BatchScope,
    units: EmittedBy[],
  ): Promise<ChargePointEvent[][] | null> {
    const params = new SqlParameters(m.dataSource.driver);
    const writes = scope.deferredStatements(params);
    if (!writes) return null;
    const parts = writes.map((sql, i) => `w${i} AS (${sql})`);
    const advance = this.stamper.advanceStatement(m, units, params);
    const emitting = units.filter((u) => u.events.length > 0).length;
    let sql: string | undefined;
    if (advance) {
      parts.push(`seqs AS (${advance})`);
      sql =
        `WITH ${parts.join(', ')} SELECT id, last_seq FROM seqs ` +
        `UNION ALL SELECT NULL, 1 / ((SELECT count(*) FROM seqs) = ${emitting})::int`;
    } else if (parts.length > 0) {
      sql = `WITH ${parts.join(', ')} SELECT NULL AS id, NULL AS last_seq WHERE false`;
    }
    const rows = sql ? (await m.queryRunner!.query(sql, params.values, true)).records : [];
    return this.stamper.number(units, rows as SeqRow[]);
  }
}
