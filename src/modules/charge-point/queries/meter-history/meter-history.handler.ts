import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { MeterPointDto } from '../../dto/meter-history.dto.js';

/** A charger's meter readings over [from, to), per connector and bucket of `bucketS` seconds. */
export class MeterHistoryQuery extends Query<MeterPointDto[]> {
  constructor(
    readonly chargePointId: string,
    readonly connectorId: number | undefined,
    readonly from: Date,
    readonly to: Date,
    readonly bucketS: number,
  ) {
    super();
  }
}

const POWER = 'Power.Active.Import';
const ENERGY = 'Energy.Active.Import.Register';

// Computed in the database, the same SQL on both dialects but for the bucket number (computed
// once per reading, not per sample). First one
// value per reading (a total as reported, else the sum of the phases L1..L3; inlet readings left
// out, as for the live values), then per bucket the average power and the last energy register.
// The index (charge_point_id, connector_id, measurand, sampled_at) serves the range scan.
@QueryHandler(MeterHistoryQuery)
export class MeterHistoryHandler implements IQueryHandler<MeterHistoryQuery> {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async execute(q: MeterHistoryQuery): Promise<MeterPointDto[]> {
    const postgres = this.dataSource.options.type === 'postgres';
    const bucket = postgres
      ? // date_bin (PostgreSQL 14+): a timestamp, much cheaper than numeric epoch arithmetic;
        // bucketS is one of four constants, never input
        `date_bin('${q.bucketS} seconds', sampled_at, timestamptz 'epoch')`
      : `(unixepoch(sampled_at) / :bucketS)`;
    const reading = (measurand: string) =>
      `COALESCE(MAX(CASE WHEN s.measurand = '${measurand}' AND s.phase IS NULL THEN s.value END), ` +
      `SUM(CASE WHEN s.measurand = '${measurand}' AND s.phase IN ('L1', 'L2', 'L3') THEN s.value END))`;
    const sql = `
      WITH readings AS (
        SELECT s.connector_id AS connector_id, s.sampled_at AS sampled_at,
               ${reading(POWER)} AS p, ${reading(ENERGY)} AS e
        FROM meter_value_samples s
        WHERE s.charge_point_id = :chargePointId
          ${q.connectorId !== undefined ? 'AND s.connector_id = :connectorId' : ''}
          AND s.measurand IN ('${POWER}', '${ENERGY}')
          AND s.sampled_at >= :from AND s.sampled_at < :to
          AND (s.location IS NULL OR s.location <> 'Inlet')
        GROUP BY s.connector_id, s.sampled_at
      ), ranked AS (
        SELECT connector_id, b, p, e,
               ROW_NUMBER() OVER (
                 PARTITION BY connector_id, b
                 ORDER BY CASE WHEN e IS NULL THEN 1 ELSE 0 END, sampled_at DESC
               ) AS rn
        FROM (SELECT readings.*, ${bucket} AS b FROM readings) bucketed
      )
      SELECT connector_id, b, AVG(p) AS power_w, MAX(CASE WHEN rn = 1 THEN e END) AS energy_wh
      FROM ranked
      GROUP BY connector_id, b
      ORDER BY connector_id, b`;
    const [query, params] = this.dataSource.driver.escapeQueryWithParameters(sql, {
      chargePointId: q.chargePointId,
      connectorId: q.connectorId,
      from: q.from,
      to: q.to,
      bucketS: q.bucketS,
    });
    const rows: Array<{
      connector_id: number;
      b: number | string | Date;
      power_w: unknown;
      energy_wh: unknown;
    }> = await this.dataSource.query(query, params);
    const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
    return rows.map((r) => ({
      connectorId: Number(r.connector_id),
      at: (r.b instanceof Date ? r.b : new Date(Number(r.b) * q.bucketS * 1000)).toISOString(),
      powerW: num(r.power_w) === null ? null : Math.round(num(r.power_w)! * 10) / 10,
      energyWh: num(r.energy_wh),
    }));
  }
}
