import type { EntityManager } from 'typeorm';
import {
  ChargePointEvent,
  type PendingEvent,
} from '../../../../common/contracts/charge-point-events.js';
import { SqlParameters } from '../../../../infrastructure/database/sql-parameters.js';
import { ChargePointEntity } from '../charge-point.entity.js';

export interface EmittedBy {
  chargePointId: string;
  events: PendingEvent[];
}

// The events of a batch get their chargers' next seq numbers inside the batch's transaction (or
// its one statement), so that seq survives restarts and never repeats: one UPDATE for the whole
// batch, in which each charger's last_seq goes up by the number of events it emitted and comes
// back (the row lock on PostgreSQL queues concurrent writers of a charger).
export class SeqStamper {
  /** Each unit's events, numbered; throws when a charger that emitted is gone. */
  async stamp(m: EntityManager, units: EmittedBy[]): Promise<ChargePointEvent[][]> {
    const params = new SqlParameters(m.dataSource.driver);
    const sql = this.advanceStatement(m, units, params);
    const rows = sql ? (await m.queryRunner!.query(sql, params.values, true)).records : [];
    return this.number(units, rows as SeqRow[]);
  }

  /**
   * `UPDATE ... RETURNING id, last_seq` raising each emitting charger's last_seq by its count,
   * its values added to `params`; null when no unit emitted.
   */
  advanceStatement(m: EntityManager, units: EmittedBy[], params: SqlParameters): string | null {
    const emitting = units.filter((u) => u.events.length > 0);
    if (emitting.length === 0) return null;
    const cases = emitting
      .map(
        (u) =>
          `WHEN ${params.add(u.chargePointId)} THEN CAST(${params.add(u.events.length)} AS integer)`,
      )
      .join(' ');
    const ids = emitting.map((u) => params.add(u.chargePointId)).join(', ');
    const table = m.dataSource.getMetadata(ChargePointEntity).tableName;
    return (
      `UPDATE ${table} SET last_seq = last_seq + CASE id ${cases} ELSE 0 END ` +
      `WHERE id IN (${ids}) RETURNING id, last_seq`
    );
  }

  /**
   * Each unit's events numbered up to its charger's raised last_seq, from the rows the UPDATE
   * returned (rows without an id are ignored); throws when a charger that emitted is gone.
   */
  number(units: EmittedBy[], rows: readonly SeqRow[]): ChargePointEvent[][] {
    const lastSeqs = new Map<string, number>();
    for (const row of rows) if (row.id !== null) lastSeqs.set(row.id, Number(row.last_seq));
    const missing = units.find((u) => u.events.length > 0 && !lastSeqs.has(u.chargePointId));
    if (missing) throw new Error(`Charge point ${missing.chargePointId} is gone`);
    const at = new Date().toISOString();
    return units.map(({ chargePointId, events }) => {
      const first = (lastSeqs.get(chargePointId) ?? 0) - events.length + 1;
      return events.map(
        (e, j) => new ChargePointEvent(chargePointId, e.name, first + j, at, e.data),
      );
    });
  }
}

export interface SeqRow {
  id: string | null;
  last_seq: number | string;
}
