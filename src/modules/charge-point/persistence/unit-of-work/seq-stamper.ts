import type { EntityManager } from 'typeorm';
import {
  ChargePointEvent,
  type PendingEvent,
} from '../../../../common/contracts/charge-point-events.js';
import { ChargePointEntity } from '../charge-point.entity.js';

export interface EmittedBy {
  chargePointId: string;
  events: PendingEvent[];
}

// The events of a batch get their chargers' next seq numbers inside the batch's transaction, so
// that seq survives restarts and never repeats: one statement for the whole batch, in which each
// charger's last_seq goes up by the number of events it emitted and comes back (the row lock on
// PostgreSQL queues concurrent writers of a charger).
export class SeqStamper {
  /** Each unit's events, numbered; throws when a charger that emitted is gone. */
  async stamp(m: EntityManager, units: EmittedBy[]): Promise<ChargePointEvent[][]> {
    const lastSeqs = await this.advance(
      m,
      units.map((u) => ({ chargePointId: u.chargePointId, count: u.events.length })),
    );
    const at = new Date().toISOString();
    return units.map(({ chargePointId, events }) => {
      const first = (lastSeqs.get(chargePointId) ?? 0) - events.length + 1;
      return events.map(
        (e, j) => new ChargePointEvent(chargePointId, e.name, first + j, at, e.data),
      );
    });
  }

  /** Each emitting charger's last_seq once raised by its count. */
  async advance(
    m: EntityManager,
    units: { chargePointId: string; count: number }[],
  ): Promise<Map<string, number>> {
    const emitting = units.filter((u) => u.count > 0);
    const seqs = new Map<string, number>();
    if (emitting.length === 0) return seqs;
    const params: Record<string, unknown> = { ids: emitting.map((u) => u.chargePointId) };
    const cases = emitting
      .map((u, i) => {
        params[`id${i}`] = u.chargePointId;
        params[`n${i}`] = u.count;
        return `WHEN :id${i} THEN CAST(:n${i} AS integer)`;
      })
      .join(' ');
    const table = m.dataSource.getMetadata(ChargePointEntity).tableName;
    const [sql, values] = m.dataSource.driver.escapeQueryWithParameters(
      `UPDATE ${table} SET last_seq = last_seq + CASE id ${cases} ELSE 0 END ` +
        `WHERE id IN (:...ids) RETURNING id, last_seq`,
      params,
    );
    const { records } = await m.queryRunner!.query(sql, values, true);
    for (const row of records as { id: string; last_seq: number | string }[]) {
      seqs.set(row.id, Number(row.last_seq));
    }
    const missing = emitting.find((u) => !seqs.has(u.chargePointId));
    if (missing) throw new Error(`Charge point ${missing.chargePointId} is gone`);
    return seqs;
  }
}
