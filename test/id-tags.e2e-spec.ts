import { startApp, type TestApp } from './helpers/app.js';
import { connectCharger, type OcppTestClient } from './helpers/charger.js';
import { testDialects } from './helpers/databases.js';
import { aStartTransactionRequest, aStopTransactionRequest } from './helpers/ocpp-builders.js';
import { ADMIN, api, bearer, createUser, login, restEnv, type TestUser } from './helpers/rest.js';
import { registerChargePoint } from './helpers/realtime.js';

// Contract section 7, id tags: the store managed over REST, and the answers OCPP chargers get
// from it (Authorize, StartTransaction, StopTransaction) over a real OCPP exchange.

const dialects = await testDialects();
const PAST = '2020-01-01T00:00:00.000Z';
const FUTURE = '2099-01-01T00:00:00.000Z';

describe.each(dialects)('id tags (%s)', (dialect) => {
  let t: TestApp;
  let admin: string;
  let holder: TestUser;
  let other: TestUser;
  let cp: OcppTestClient;
  let cp2: OcppTestClient;
  const tag = (body: Record<string, unknown>) =>
    api(t).post('/api/v1/id-tags').set(bearer(admin)).send(body);

  beforeAll(async () => {
    t = await startApp(dialect, restEnv);
    admin = await login(t, ADMIN.username, ADMIN.password);
    holder = await createUser(t, admin, 'holder');
    other = await createUser(t, admin, 'other');
    await registerChargePoint(t, admin, 'CP_TAGS_1');
    await registerChargePoint(t, admin, 'CP_TAGS_2');
    cp = await connectCharger(t.wsUrl, 'CP_TAGS_1');
    cp2 = await connectCharger(t.wsUrl, 'CP_TAGS_2');
    await tag({ idTag: 'FLEET', userId: holder.id }).expect(201);
    await tag({ idTag: 'CARD-OK', userId: holder.id, parentIdTag: 'FLEET', expiresAt: FUTURE });
    await tag({ idTag: 'CARD-BLOCKED', status: 'Blocked' }).expect(201);
    await tag({ idTag: 'CARD-OLD', expiresAt: PAST }).expect(201);
    await tag({ idTag: 'CARD-BUSY' }).expect(201);
  });
  afterAll(async () => {
    await cp.close();
    await cp2.close();
    await t.close();
  });

  describe('REST', () => {
    it('creates a tag with every field and reads it back', async () => {
      const res = await api(t).get('/api/v1/id-tags/CARD-OK').set(bearer(admin));
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        idTag: 'CARD-OK',
        userId: holder.id,
        status: 'Accepted',
        expiresAt: FUTURE,
        parentIdTag: 'FLEET',
        createdAt: expect.any(String),
      });
    });

    it.each([
      ['a taken tag', { idTag: 'FLEET' }, 409, 'exists already'],
      [
        'an unknown user',
        { idTag: 'NEW-1', userId: '00000000-0000-4000-8000-000000000000' },
        400,
        'userId',
      ],
      ['an unknown parent', { idTag: 'NEW-2', parentIdTag: 'NOPE' }, 400, 'parentIdTag'],
      ['a bad status', { idTag: 'NEW-3', status: 'Expired' }, 400, 'status'],
      ['a tag with a space', { idTag: 'A B' }, 400, 'idTag'],
      ['a bad date', { idTag: 'NEW-4', expiresAt: 'tomorrow' }, 400, 'expiresAt'],
    ])('%s is refused (%s) and nothing is stored', async (_n, body, status, message) => {
      const res = await tag(body);
      expect(res.status).toBe(status);
      expect(JSON.stringify(res.body.message)).toContain(message);
      if (body.idTag !== 'FLEET' && !body.idTag.includes(' '))
        expect((await api(t).get(`/api/v1/id-tags/${body.idTag}`).set(bearer(admin))).status).toBe(
          404,
        );
    });

    it('lists by tag, paged, filtered by user; a user lists their own', async () => {
      const first = await api(t).get('/api/v1/id-tags?limit=2').set(bearer(admin));
      expect(first.body.items.map((x: { idTag: string }) => x.idTag)).toEqual([
        'CARD-BLOCKED',
        'CARD-BUSY',
      ]);
      await tag({ idTag: 'AAA-BEFORE' }).expect(201); // before the cursor: not seen again
      const second = await api(t)
        .get(`/api/v1/id-tags?limit=2&cursor=${first.body.nextCursor}`)
        .set(bearer(admin));
      expect(second.body.items.map((x: { idTag: string }) => x.idTag)).toEqual([
        'CARD-OK',
        'CARD-OLD',
      ]);
      const mine = await api(t).get(`/api/v1/id-tags?userId=${holder.id}`).set(bearer(admin));
      expect(mine.body.items.map((x: { idTag: string }) => x.idTag)).toEqual(['CARD-OK', 'FLEET']);
      const own = await api(t).get('/api/v1/users/me/id-tags').set(bearer(holder.token));
      expect(own.status).toBe(200);
      expect(own.body).toEqual({ items: mine.body.items, nextCursor: null });
      const none = await api(t).get('/api/v1/users/me/id-tags').set(bearer(other.token));
      expect(none.body).toEqual({ items: [], nextCursor: null });
    });

    it('patches only what is given; null clears; delete makes it unknown', async () => {
      await tag({ idTag: 'CARD-TEMP', userId: other.id, expiresAt: FUTURE }).expect(201);
      const res = await api(t)
        .patch('/api/v1/id-tags/CARD-TEMP')
        .set(bearer(admin))
        .send({ expiresAt: null, status: 'Blocked' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ userId: other.id, expiresAt: null, status: 'Blocked' });
      expect((await cp.call('Authorize', { idTag: 'CARD-TEMP' })).idTagInfo.status).toBe('Blocked');
      await api(t).delete('/api/v1/id-tags/CARD-TEMP').set(bearer(admin)).expect(204);
      expect((await cp.call('Authorize', { idTag: 'CARD-TEMP' })).idTagInfo.status).toBe('Invalid');
      expect((await api(t).delete('/api/v1/id-tags/CARD-TEMP').set(bearer(admin))).status).toBe(
        404,
      );
    });
  });

  describe('OCPP answers', () => {
    it.each([
      ['UNKNOWN-TAG', { status: 'Invalid' }],
      ['CARD-BLOCKED', { status: 'Blocked' }],
      ['CARD-OLD', { status: 'Expired', expiryDate: PAST }],
      ['CARD-OK', { status: 'Accepted', expiryDate: FUTURE, parentIdTag: 'FLEET' }],
    ])('Authorize %s: %j', async (idTag, idTagInfo) => {
      expect(await cp.call('Authorize', { idTag })).toEqual({ idTagInfo });
    });

    it('a tag in use on one connector is ConcurrentTx elsewhere, Accepted again once stopped', async () => {
      const start = await cp.call(
        'StartTransaction',
        aStartTransactionRequest({ connectorId: 1, idTag: 'CARD-BUSY' }),
      );
      expect(start.idTagInfo).toEqual({ status: 'Accepted' });
      // a retry of the same StartTransaction is the same transaction, still Accepted
      const retry = await cp.call(
        'StartTransaction',
        aStartTransactionRequest({ connectorId: 1, idTag: 'CARD-BUSY' }),
      );
      expect(retry).toEqual(start);

      expect((await cp2.call('Authorize', { idTag: 'CARD-BUSY' })).idTagInfo.status).toBe(
        'ConcurrentTx',
      );
      const elsewhere = await cp2.call(
        'StartTransaction',
        aStartTransactionRequest({ connectorId: 1, idTag: 'CARD-BUSY', meterStart: 5 }),
      );
      expect(elsewhere.idTagInfo.status).toBe('ConcurrentTx');
      await cp2.call(
        'StopTransaction',
        aStopTransactionRequest(elsewhere.transactionId, { reason: 'DeAuthorized' }),
      );

      const stop = await cp.call(
        'StopTransaction',
        aStopTransactionRequest(start.transactionId, { idTag: 'CARD-BUSY' }),
      );
      expect(stop).toEqual({ idTagInfo: { status: 'Accepted' } });
      expect((await cp2.call('Authorize', { idTag: 'CARD-BUSY' })).idTagInfo.status).toBe(
        'Accepted',
      );
    });

    it('StartTransaction with a blocked tag is answered Blocked (the transaction is recorded)', async () => {
      const res = await cp.call(
        'StartTransaction',
        aStartTransactionRequest({ connectorId: 2, idTag: 'CARD-BLOCKED' }),
      );
      expect(res).toEqual({ transactionId: expect.any(Number), idTagInfo: { status: 'Blocked' } });
    });
  });
});

describe('OCPP_ACCEPT_UNKNOWN_ID_TAGS=true (demos)', () => {
  it('accepts a tag that is not in the store, and still refuses a blocked one', async () => {
    const t = await startApp('sqlite', { ...restEnv, OCPP_ACCEPT_UNKNOWN_ID_TAGS: 'true' });
    try {
      const admin = await login(t, ADMIN.username, ADMIN.password);
      await registerChargePoint(t, admin, 'CP_DEMO');
      await api(t)
        .post('/api/v1/id-tags')
        .set(bearer(admin))
        .send({ idTag: 'BLOCKED', status: 'Blocked' })
        .expect(201);
      const cp = await connectCharger(t.wsUrl, 'CP_DEMO');
      expect(await cp.call('Authorize', { idTag: 'ANYTHING' })).toEqual({
        idTagInfo: { status: 'Accepted' },
      });
      expect((await cp.call('Authorize', { idTag: 'BLOCKED' })).idTagInfo.status).toBe('Blocked');
      await cp.close();
    } finally {
      await t.close();
    }
  });
});
