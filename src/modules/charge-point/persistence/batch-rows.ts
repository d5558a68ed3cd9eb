import { In, type EntityManager } from 'typeorm';
import {
  bulkInsert,
  type BulkInsertOptions,
  bulkInsertStatement,
} from '../../../infrastructure/database/bulk-insert.js';
import type { BatchRead, BatchWrite } from './batch-scope.js';
import { ChargePointEntity } from './charge-point.entity.js';
import { ConnectorEntity } from './connector.entity.js';
import { TransactionEntity } from './transaction.entity.js';

/** Charge points by id, for the units of work of one batch. */
export const chargePointsById: BatchRead<string, ChargePointEntity> = {
  async read(m, ids) {
    const rows = await m.find(ChargePointEntity, { where: { id: In([...ids]) } });
    return new Map(rows.map((cp) => [cp.id, cp]));
  },
};

/** Each charge point's connectors (in connector order), for the units of work of one batch. */
export const connectorsOfChargePoint: BatchRead<string, ConnectorEntity[]> = {
  async read(m, ids) {
    const rows = await m.find(ConnectorEntity, {
      where: { chargePointId: In([...ids]) },
      order: { connectorId: 'ASC' },
    });
    const byChargePoint = new Map<string, ConnectorEntity[]>(ids.map((id) => [id, []]));
    for (const c of rows) byChargePoint.get(c.chargePointId)?.push(c);
    return byChargePoint;
  },
};

export interface ConnectedCharger {
  id: string;
  /** the OCPP version it speaks on this connection */
  ocppVersion: string;
}

// A charger that connects is online from now: one UPDATE for every charger of the batch that
// speaks the same version (an UPDATE never creates a charger that was deleted meanwhile).
async function markOnline(m: EntityManager, rows: ConnectedCharger[]): Promise<void> {
  const now = new Date();
  const byVersion = new Map<string, string[]>();
  for (const { id, ocppVersion } of rows) {
    const ids = byVersion.get(ocppVersion);
    if (ids) ids.push(id);
    else byVersion.set(ocppVersion, [id]);
  }
  for (const [ocppVersion, ids] of byVersion) {
    for (let i = 0; i < ids.length; i += 500) {
      await m.update(
        ChargePointEntity,
        { id: In(ids.slice(i, i + 500)) },
        { online: true, lastSeenAt: now, ocppVersion },
      );
    }
  }
}

/** Chargers that connected in a batch. */
export const chargePointsOnline: BatchWrite<ConnectedCharger> = {
  write: markOnline,
};

/** Transactions by id, for the units of work of one batch. */
export const transactionsById: BatchRead<number, TransactionEntity> = {
  async read(m, ids) {
    const rows = await m.find(TransactionEntity, { where: { id: In([...ids]) } });
    return new Map(rows.map((t) => [t.id, t]));
  },
};

export const connectorKey = (chargePointId: string, connectorId: number): string =>
  `${chargePointId}\u0000${connectorId}`;

/** Connectors by `connectorKey`, for the units of work of one batch. */
export const connectorsByKey: BatchRead<string, ConnectorEntity> = {
  async read(m, keys) {
    const where = keys.map((key) => {
      const [chargePointId, connectorId] = key.split('\u0000');
      return { chargePointId, connectorId: Number(connectorId) };
    });
    const rows = await m.find(ConnectorEntity, { where });
    return new Map(rows.map((c) => [connectorKey(c.chargePointId, c.connectorId), c]));
  },
};

const METER_COLUMNS = [
  'powerW',
  'energyWh',
  'currentA',
  'voltageV',
  'socPercent',
  'meterAt',
] as const satisfies readonly (keyof ConnectorEntity)[];

// The live meter values of existing connectors, as one statement for the batch: an upsert whose
// insert never happens (the rows were read in the same transaction) and whose update touches the
// meter columns only, so that it cannot undo a status or configuration written meanwhile.
const METER_UPSERT = {
  columns: ['chargePointId', 'connectorId', ...METER_COLUMNS],
  onConflict: { target: ['chargePointId', 'connectorId'], update: METER_COLUMNS },
} satisfies BulkInsertOptions<ConnectorEntity>;

async function writeConnectorMeters(m: EntityManager, rows: ConnectorEntity[]): Promise<void> {
  await bulkInsert(m, ConnectorEntity, rows, { ...METER_UPSERT, chunk: 100 });
}

/** Connectors whose live meter values changed in a batch (meter columns written). */
export const connectorMeters: BatchWrite<ConnectorEntity> = {
  write: writeConnectorMeters,
  statement: (m, rows, params) =>
    bulkInsertStatement(m, ConnectorEntity, rows, METER_UPSERT, params),
};
