import type { EntityManager } from 'typeorm';
import {
  type MeterReading,
  normaliseSample,
  readingOf,
  type SampledValueInput,
} from '../domain/meter-values.js';
import { MeterValueSampleEntity } from './meter-value-sample.entity.js';

export interface MeterValueInput {
  timestamp: string;
  sampledValue: SampledValueInput[];
}

// Keeps every sampled value (one array insert per message, not one per row) and returns the
// reading of the newest timestamp, the one that may become the connector's live value.
export async function storeMeterValues(
  m: EntityManager,
  chargePointId: string,
  connectorId: number,
  transactionId: number | null,
  meterValues: MeterValueInput[],
): Promise<{ sampledAt: Date; reading: MeterReading } | null> {
  let latest: { sampledAt: Date; reading: MeterReading } | null = null;
  const rows: Partial<MeterValueSampleEntity>[] = [];
  for (const mv of meterValues) {
    const sampledAt = new Date(mv.timestamp);
    const samples = mv.sampledValue.map(normaliseSample);
    for (const s of samples)
      rows.push({ chargePointId, connectorId, transactionId, sampledAt, ...s });
    if (!latest || sampledAt >= latest.sampledAt)
      latest = { sampledAt, reading: readingOf(samples) };
  }
  // chunked: SQLite caps the number of bound parameters of one statement
  for (let i = 0; i < rows.length; i += 500) {
    await m.insert(MeterValueSampleEntity, rows.slice(i, i + 500));
  }
  return latest;
}
