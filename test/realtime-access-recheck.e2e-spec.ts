import { GrantEntity } from '../src/modules/subscription/persistence/grant.entity.js';
import { startApp, type TestApp } from './helpers/app.js';
import { connectCharger, type OcppTestClient } from './helpers/charger.js';
import { testDialects } from './helpers/databases.js';
import { aBootNotificationRequest, aStatusNotificationRequest } from './helpers/ocpp-builders.js';
import { currentSeq, grantAccess, nextTimestamp, registerChargePoint } from './helpers/realtime.js';
import { ADMIN, createUser, login, restEnv, type TestUser } from './helpers/rest.js';
import { connectUser } from './helpers/user-socket.js';

// Issue 13, point 6: access that does not depend on one message arriving. Live subscriptions
// re-ask their access (REALTIME_ACCESS_RECHECK_S), so a revocation whose message was lost still
// ends them; a grantee never replays events from before the grant.

const dialects = await testDialects();

describe.each(dialects)('/ws/users access re-checks (%s)', (dialect) => {
  let t: TestApp;
  let owner: TestUser;
  let grantee: TestUser;
  let cp: OcppTestClient;
  const CP = 'CP_RECHECK';

  const status = (info: string) =>
    cp.call(
      'StatusNotification',
      aStatusNotificationRequest({ connectorId: 1, info, timestamp: nextTimestamp() }),
    );

  beforeAll(async () => {
    t = await startApp(dialect, {
      ...restEnv,
      REALTIME_ACCESS_RECHECK_S: '1',
      REALTIME_METER_INTERVAL_MS: '0',
    });
    const admin = await login(t, ADMIN.username, ADMIN.password);
    owner = await createUser(t, admin, 'recheck-owner');
    grantee = await createUser(t, admin, 'recheck-grantee');
    await registerChargePoint(t, admin, CP, owner.id);
    cp = await connectCharger(t.wsUrl, CP);
    await cp.call('BootNotification', aBootNotificationRequest());
  });
  afterAll(async () => {
    await cp.close();
    await t.close();
  });

  it('gives a grantee a snapshot, never a replay of the events from before the grant', async () => {
    await status('before the grant, 1');
    await status('before the grant, 2');
    await grantAccess(t, owner.token, CP, grantee.id);
    const u = await connectUser(t.wsUrl, grantee.token);
    const reply = await u.request({ action: 'subscribe', chargePointId: CP, sinceSeq: 0, id: 's' });
    expect(reply).toMatchObject({ type: 'subscribed', chargePointId: CP });
    expect(reply.snapshot).not.toBeNull();
    expect(reply).not.toHaveProperty('resumedFrom');
    expect(reply.seq).toBe(await currentSeq(t, owner.token, CP));
    u.close();
  });

  it('ends a live subscription whose grant is gone although no revocation message came', async () => {
    const u = await connectUser(t.wsUrl, grantee.token);
    expect(await u.request({ action: 'subscribe', chargePointId: CP, id: 'x' })).toMatchObject({
      type: 'subscribed',
    });
    // the grant disappears without its event (as when the message between instances is lost)
    await t.dataSource.manager.delete(GrantEntity, { chargePointId: CP, userId: grantee.id });
    await expect(
      u.next((m) => m.type === 'unsubscribed' && m.chargePointId === CP, 10_000),
    ).resolves.toMatchObject({ reason: 'access_revoked' });
    u.close();
  });
});
