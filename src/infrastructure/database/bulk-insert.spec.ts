import type { DataSource, EntityManager, EntityTarget } from 'typeorm';
import {
  createDatabase,
  type TestDatabase,
  migratedDataSource,
  testDialects,
} from '../../../test/helpers/databases.js';
import { ChargePointEntity } from '../../modules/charge-point/persistence/charge-point.entity.js';
import { ConnectorEntity } from '../../modules/charge-point/persistence/connector.entity.js';
import { MeterValueSampleEntity } from '../../modules/charge-point/persistence/meter-value-sample.entity.js';
import { bulkInsert, type BulkInsertOptions, bulkInsertStatement } from './bulk-insert.js';
import { SqlParameters } from './sql-parameters.js';

const dialects = await testDialects();

type Insert = <E extends object>(
  m: EntityManager,
  target: EntityTarget<E>,
  rows: Partial<E>[],
  options: BulkInsertOptions<E>,
) => Promise<void>;

// the multi-row INSERT, and (PostgreSQL) the unnest statement sent as it is
const asStatement: Insert = async (m, target, rows, options) => {
  const params = new SqlParameters(m.dataSource.driver);
  await m.query(bulkInsertStatement(m, target, rows, options, params), params.values);
};
const writers = (dialect: string): [string, Insert][] => [
  ['bulkInsert', bulkInsert],
  ...(dialect === 'postgres' ? [['bulkInsertStatement', asStatement] as [string, Insert]] : []),
];

describe.each(
  dialects.flatMap((d) => writers(d).map(([name, insert]) => [name, d, insert] as const)),
)('%s (%s)', (_name, dialect, insert) => {
  let db: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    db = await createDatabase(dialect);
    dataSource = await migratedDataSource(db, [
      ChargePointEntity,
      ConnectorEntity,
      MeterValueSampleEntity,
    ]);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  const sample = (chargePointId: string, i: number): Partial<MeterValueSampleEntity> => ({
    chargePointId,
    connectorId: 1,
    transactionId: i % 2 ? 7 : null,
    sampledAt: new Date(Date.UTC(2026, 10, 25, 10, 0, i, 123)),
    measurand: 'Energy.Active.Import.Register',
    phase: null,
    location: i % 2 ? 'Outlet' : null,
    context: 'Sample.Periodic',
    format: null,
    unit: 'Wh',
    value: 1234.5 + i,
    // a signed-data value may hold anything: quotes, commas, braces, backslashes, NULL words
    rawValue: i === 5 ? `a "quoted", {braced} \\ NULL value` : String(1.2345 + i),
    rawUnit: 'kWh',
  });
  const columns = Object.keys(sample('x', 0)) as (keyof MeterValueSampleEntity & string)[];

  it('stores rows exactly as TypeORM insert does, across chunks', async () => {
    const rows = Array.from({ length: 7 }, (_, i) => sample('BULK', i));
    await insert(dataSource.manager, MeterValueSampleEntity, rows, { columns, chunk: 3 });
    await dataSource.manager.insert(
      MeterValueSampleEntity,
      rows.map((r) => ({ ...r, chargePointId: 'ORM' })),
    );
    const read = async (chargePointId: string) =>
      (
        await dataSource.manager.find(MeterValueSampleEntity, {
          where: { chargePointId },
          order: { id: 'ASC' },
        })
      ).map(({ id: _id, chargePointId: _cp, ...rest }) => rest);
    const bulk = await read('BULK');
    expect(bulk).toHaveLength(7);
    expect(bulk).toEqual(await read('ORM'));
    expect(bulk[3].sampledAt).toEqual(new Date('2026-11-25T10:00:03.123Z'));
  });

  it('updates only the named columns of a conflicting row', async () => {
    await dataSource.manager.insert(ChargePointEntity, { id: 'CP' });
    await dataSource.manager.insert(ConnectorEntity, {
      chargePointId: 'CP',
      connectorId: 1,
      status: 'Charging',
      powerW: 1,
    });
    await insert(
      dataSource.manager,
      ConnectorEntity,
      [
        { chargePointId: 'CP', connectorId: 1, status: 'Faulted', powerW: 7400 },
        { chargePointId: 'CP', connectorId: 2, status: 'Available', powerW: 11000 },
      ],
      {
        columns: ['chargePointId', 'connectorId', 'status', 'powerW'],
        onConflict: { target: ['chargePointId', 'connectorId'], update: ['powerW'] },
      },
    );
    const connectors = await dataSource.manager.find(ConnectorEntity, {
      order: { connectorId: 'ASC' },
    });
    expect(connectors.map((c) => [c.connectorId, c.status, c.powerW])).toEqual([
      [1, 'Charging', 7400],
      [2, 'Available', 11000],
    ]);
  });
});
