import type { EntityManager } from 'typeorm';
import { ChargePointEntity } from './charge-point.entity.js';
import { ConnectorEntity } from './connector.entity.js';

// OCPP 1.6 BootNotification does not say how many connectors a charger has: a connector row is
// created the first time the charger mentions it, and connectorCount follows the highest id.
export async function findOrCreateConnector(
  m: EntityManager,
  chargePointId: string,
  connectorId: number,
): Promise<{ connector: ConnectorEntity; created: boolean }> {
  const existing = await m.findOneBy(ConnectorEntity, { chargePointId, connectorId });
  if (existing) return { connector: existing, created: false };
  const connector = m.create(ConnectorEntity, {
    chargePointId,
    connectorId,
    type: null,
    maxPowerW: null,
    maxCurrentA: null,
    status: 'Unknown',
    errorCode: 'NoError',
    info: null,
    vendorErrorCode: null,
    statusAt: null,
    powerW: 0,
    energyWh: null,
    currentA: null,
    voltageV: null,
    socPercent: null,
    meterAt: null,
    transactionId: null,
  });
  // ON CONFLICT DO NOTHING: two first mentions of a connector may race (PostgreSQL)
  await m
    .createQueryBuilder()
    .insert()
    .into(ConnectorEntity)
    .values(connector)
    .orIgnore()
    .execute();
  const stored = await m.findOneByOrFail(ConnectorEntity, { chargePointId, connectorId });
  await m
    .createQueryBuilder()
    .update(ChargePointEntity)
    .set({ connectorCount: connectorId })
    .where('id = :id AND connector_count < :n', { id: chargePointId, n: connectorId })
    .execute();
  return { connector: stored, created: true };
}
