import type { EntityManager } from 'typeorm';
import { bulkInsert, bulkInsertStatement } from '../../../infrastructure/database/bulk-insert.js';
import {
  type MeterReading,
  type MeterValueInput,
  normaliseSample,
  readingOf,
} from '../domain/meter-values.js';
import type { BatchWrite } from './batch-scope.js';
import { MeterValueSampleEntity } from './meter-value-sample.entity.js';

export type MeterSampleRow = Partial<MeterValueSampleEntity>;

export interface MeterSamples {
  rows: MeterSampleRow[];
  /** The reading of the newest timestamp, the one that may become the connector's live value. */
  latest: { sampledAt: Date; reading: MeterReading } | null;
}

// Every sampled value of a MeterValues (or of StopTransaction.transactionData) as rows to keep.
export function meterSamples(
  chargePointId: string,
  connectorId: number,
  transactionId: number | null,
  meterValues: MeterValueInput[],
): MeterSamples {
  let latest: MeterSamples['latest'] = null;
  const rows: MeterSampleRow[] = [];
  for (const mv of meterValues) {
    const sampledAt = new Date(mv.timestamp);
    const samples = mv.sampledValue.map(normaliseSample);
    for (const s of samples)
      rows.push({ chargePointId, connectorId, transactionId, sampledAt, ...s });
    if (!latest || sampledAt >= latest.sampledAt)
      latest = { sampledAt, reading: readingOf(samples) };
  }
  return { rows, latest };
}

const SAMPLE_COLUMNS = [
  'chargePointId',
  'connectorId',
  'transactionId',
  'sampledAt',
  'measurand',
  'phase',
  'location',
  'context',
  'format',
  'unit',
  'value',
  'rawValue',
  'rawUnit',
] as const satisfies readonly (keyof MeterValueSampleEntity)[];

// Array inserts (chunked by bulkInsert), never one statement per sampled value.
async function insertSampleRows(m: EntityManager, rows: MeterSampleRow[]): Promise<void> {
  await bulkInsert(m, MeterValueSampleEntity, rows, { columns: SAMPLE_COLUMNS });
}

/** The rows of every MeterValues of a batch, inserted together. */
export const meterSampleRows: BatchWrite<MeterSampleRow> = {
  write: insertSampleRows,
  statement: (m, rows, params) =>
    bulkInsertStatement(m, MeterValueSampleEntity, rows, { columns: SAMPLE_COLUMNS }, params),
};
