import type { DataSource } from 'typeorm';
import {
  createDatabase,
  type TestDatabase,
  migratedDataSource,
  testDialects,
} from '../../../../test/helpers/databases.js';
import { ChargePointEntity } from './charge-point.entity.js';
import { TypeOrmChargerCredentials } from './typeorm-charger-credentials.js';

const dialects = await testDialects();

describe.each(dialects)('TypeOrmChargerCredentials (%s)', (dialect) => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let credentials: TypeOrmChargerCredentials;

  beforeAll(async () => {
    db = await createDatabase(dialect);
    dataSource = await migratedDataSource(db, [ChargePointEntity]);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  beforeEach(async () => {
    const chargePoints = dataSource.getRepository(ChargePointEntity);
    await chargePoints.deleteAll();
    await chargePoints.insert({ id: 'CP_1', passwordHash: 'hash', securityProfile: 2 });
    credentials = new TypeOrmChargerCredentials(chargePoints);
  });

  it("finds a charger's credentials, and none of an unknown one", async () => {
    const [known, unknown] = await Promise.all([
      credentials.find('CP_1'),
      credentials.find('CP_UNKNOWN'),
    ]);
    expect(known).toEqual({ securityProfile: 2, passwordHash: 'hash' });
    expect(unknown).toBeNull();
  });

  it('registers chargers that connect unknown, once each, with no password', async () => {
    await Promise.all([
      credentials.registerUnknown('CP_A'),
      credentials.registerUnknown('CP_A'),
      credentials.registerUnknown('CP_B'),
      credentials.registerUnknown('CP_1'),
    ]);
    expect(await credentials.find('CP_A')).toEqual({ securityProfile: 1, passwordHash: null });
    expect(await credentials.find('CP_1')).toEqual({ securityProfile: 2, passwordHash: 'hash' });
    expect(await dataSource.getRepository(ChargePointEntity).count()).toBe(3);
  });

  it('saves a new security profile and password', async () => {
    await credentials.save('CP_1', { securityProfile: 3, passwordHash: null });
    expect(await credentials.find('CP_1')).toEqual({ securityProfile: 3, passwordHash: null });
  });
});
