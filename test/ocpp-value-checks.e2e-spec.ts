import { ConnectorEntity } from '../src/modules/charge-point/persistence/connector.entity.js';
import { ChargePointEntity } from '../src/modules/charge-point/persistence/charge-point.entity.js';
import { MeterValueSampleEntity } from '../src/modules/charge-point/persistence/meter-value-sample.entity.js';
import { TransactionEntity } from '../src/modules/charge-point/persistence/transaction.entity.js';
import { UnmatchedStopTransactionEntity } from '../src/modules/charge-point/persistence/unmatched-stop-transaction.entity.js';
import { startApp, type TestApp } from './helpers/app.js';
import { connectCharger, type OcppTestClient } from './helpers/charger.js';
import { testDialects } from './helpers/databases.js';
import {
  aMeterValuesRequest,
  aStartTransactionRequest,
  aStatusNotificationRequest,
  aStopTransactionRequest,
} from './helpers/ocpp-builders.js';

// Issue 13, point 2: values the schemas let through but the database cannot take (a leap
// second, integers past 32 bits, absurd connector ids, 20,000 samples) are answered on arrival
// and never reach the unit of work that other chargers share.

const dialects = await testDialects();

/** The CALLERROR code a call was answered with (or 'accepted'). */
async function answer(cp: OcppTestClient, action: string, payload: unknown): Promise<string> {
  try {
    await cp.call(action, payload);
    return 'accepted';
  } catch (err) {
    return (err as { rpcErrorCode?: string }).rpcErrorCode ?? String(err);
  }
}

describe.each(dialects)('OCPP value checks (%s)', (dialect) => {
  let t: TestApp;
  let cp: OcppTestClient;
  let other: OcppTestClient;

  beforeAll(async () => {
    // frames up to 1 MiB, so that the sample cap, not the frame limit, meets 20,000 samples
    t = await startApp(dialect, {
      OCPP_ALLOW_UNKNOWN_CHARGERS: 'true',
      OCPP_MAX_MESSAGE_BYTES: '1048576',
    });
    cp = await connectCharger(t.wsUrl, 'CP_VALUES');
    other = await connectCharger(t.wsUrl, 'CP_NEIGHBOUR');
  });
  afterAll(async () => {
    await cp.close();
    await other.close();
    await t.close();
  });

  it('takes a leap second as 23:59:59.999, and the neighbour in the same batch is unharmed', async () => {
    const [bad, good] = await Promise.all([
      cp.call(
        'StartTransaction',
        aStartTransactionRequest({ connectorId: 1, timestamp: '2016-12-31T23:59:60Z' }),
      ),
      other.call('StartTransaction', aStartTransactionRequest({ connectorId: 1 })),
    ]);
    expect(bad.idTagInfo.status).toBeDefined();
    expect(good.idTagInfo.status).toBeDefined();
    const tx = await t.dataSource.manager.findOneByOrFail(TransactionEntity, {
      id: bad.transactionId,
    });
    expect(tx.startedAt.toISOString()).toBe('2016-12-31T23:59:59.999Z');
    await expect(
      t.dataSource.manager.findOneBy(TransactionEntity, { id: good.transactionId }),
    ).resolves.not.toBeNull();
  });

  it('keeps meter readings and transaction ids past 2^31 (64-bit columns)', async () => {
    const big = 2 ** 40;
    const started = await cp.call(
      'StartTransaction',
      aStartTransactionRequest({ connectorId: 2, meterStart: big }),
    );
    await cp.call(
      'StopTransaction',
      aStopTransactionRequest(started.transactionId, { meterStop: big + 7000 }),
    );
    const tx = await t.dataSource.manager.findOneByOrFail(TransactionEntity, {
      id: started.transactionId,
    });
    expect([tx.meterStartWh, tx.meterStopWh]).toEqual([big, big + 7000]);
    // a transactionId we never issued, past 32 bits: answered and kept for reconciliation
    await expect(
      answer(cp, 'StopTransaction', aStopTransactionRequest(99_999_999_999, { meterStop: big })),
    ).resolves.toBe('accepted');
    await expect(
      answer(
        cp,
        'MeterValues',
        aMeterValuesRequest({ connectorId: 1, transactionId: 99_999_999_999 }),
      ),
    ).resolves.toBe('accepted');
    const unmatched = await t.dataSource.manager.findOneByOrFail(UnmatchedStopTransactionEntity, {
      chargePointId: 'CP_VALUES',
    });
    expect([unmatched.transactionId, unmatched.meterStopWh]).toEqual([99_999_999_999, big]);
  });

  it('refuses connector ids outside 0..OCPP_MAX_CONNECTORS and creates none', async () => {
    for (const connectorId of [-5, 101, 99_999_999_999]) {
      await expect(
        answer(cp, 'StatusNotification', aStatusNotificationRequest({ connectorId })),
      ).resolves.toBe('PropertyConstraintViolation');
    }
    const connectors = await t.dataSource.manager.findBy(ConnectorEntity, {
      chargePointId: 'CP_VALUES',
    });
    expect(connectors.map((c) => c.connectorId).sort()).toEqual([1, 2]);
    const cpRow = await t.dataSource.manager.findOneByOrFail(ChargePointEntity, {
      id: 'CP_VALUES',
    });
    expect(cpRow.connectorCount).toBe(2);
  });

  it('refuses a MeterValues of 20,000 samples and stores none of them', async () => {
    const before = await t.dataSource.manager.countBy(MeterValueSampleEntity, {
      chargePointId: 'CP_VALUES',
    });
    const sampledValue = Array.from({ length: 20_000 }, () => ({ value: '1' }));
    await expect(
      answer(
        cp,
        'MeterValues',
        aMeterValuesRequest({
          meterValue: [{ timestamp: new Date().toISOString(), sampledValue }],
        }),
      ),
    ).resolves.toBe('OccurenceConstraintViolation');
    await expect(
      t.dataSource.manager.countBy(MeterValueSampleEntity, { chargePointId: 'CP_VALUES' }),
    ).resolves.toBe(before);
  });
});
