import WebSocket from 'ws';
import { hashPassword } from '../src/common/crypto/password-hash.js';
import { ChargePointEntity } from '../src/modules/charge-point/persistence/charge-point.entity.js';
import { startApp, type TestApp } from './helpers/app.js';
import { connectCharger, handshakeStatus } from './helpers/charger.js';
import { testDialects } from './helpers/databases.js';
import { rowCounts } from './helpers/db.js';
import { recordEvents } from './helpers/events.js';

// Contract section 1: every way an OCPP handshake is accepted or refused.

const dialects = await testDialects();

const PASSWORD = 's3cret-pass';
const ID_48 = 'CP_' + 'x'.repeat(45);
const ID_SPECIAL = 'CP*-_=+|@.1';

const basicAuth = (username: string, password: string) => ({
  authorization: `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`,
});

/** Completes a handshake and resolves with the sub-protocol the server chose. */
function negotiatedProtocol(
  url: string,
  protocols: string[],
  headers: Record<string, string>,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, protocols, { headers });
    const timer = setTimeout(() => {
      ws.terminate();
      reject(new Error('handshake timed out'));
    }, 5000);
    ws.once('open', () => {
      clearTimeout(timer);
      resolve(ws.protocol);
      ws.close();
    });
    ws.once('unexpected-response', (_req, res) => {
      clearTimeout(timer);
      ws.terminate();
      reject(new Error(`handshake refused with ${res.statusCode}`));
    });
    ws.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
}

describe.each(dialects)('OCPP 1.6J handshake (%s)', (dialect) => {
  describe('with unknown chargers refused (the default)', () => {
    let t: TestApp;
    let events: ReturnType<typeof recordEvents>;
    const url = (path: string) => `${t.wsUrl}/ocpp/${path}`;

    beforeAll(async () => {
      t = await startApp(dialect);
      events = recordEvents(t.app);
      const passwordHash = await hashPassword(PASSWORD);
      for (const id of ['CP_AUTH', 'CP_OTHER', 'CP_UNTOUCHED', ID_48, ID_SPECIAL]) {
        await t.dataSource.manager.insert(ChargePointEntity, { id, passwordHash });
      }
    });
    afterAll(() => t.close());

    it('accepts a registered charger with the right Basic auth (username = id)', async () => {
      await expect(
        handshakeStatus(url('CP_AUTH'), { headers: basicAuth('CP_AUTH', PASSWORD) }),
      ).resolves.toBe(101);
      const cp = await connectCharger(t.wsUrl, 'CP_AUTH', { password: PASSWORD });
      try {
        await expect(cp.call('Heartbeat', {})).resolves.toHaveProperty('currentTime');
      } finally {
        await cp.close();
      }
    });

    it('refuses a wrong password with 401', async () => {
      await expect(
        handshakeStatus(url('CP_AUTH'), { headers: basicAuth('CP_AUTH', 'wrong-pass') }),
      ).resolves.toBe(401);
    });

    it('refuses missing credentials with 401', async () => {
      await expect(handshakeStatus(url('CP_AUTH'))).resolves.toBe(401);
    });

    it("refuses Basic auth whose username is another charger's id with 401", async () => {
      // CP_OTHER's own, correct credentials, used on CP_AUTH's URL
      await expect(
        handshakeStatus(url('CP_AUTH'), { headers: basicAuth('CP_OTHER', PASSWORD) }),
      ).resolves.toBe(401);
      await expect(
        handshakeStatus(url('CP_AUTH'), { headers: basicAuth('someone', PASSWORD) }),
      ).resolves.toBe(401);
    });

    it('leaves no trace of a 401 refusal in the database nor in the events', async () => {
      const rowsBefore = await t.dataSource.manager.findOneByOrFail(ChargePointEntity, {
        id: 'CP_UNTOUCHED',
      });
      const countsBefore = await rowCounts(t.dataSource);
      await expect(
        handshakeStatus(url('CP_UNTOUCHED'), { headers: basicAuth('CP_UNTOUCHED', 'nope') }),
      ).resolves.toBe(401);
      await expect(handshakeStatus(url('CP_UNTOUCHED'))).resolves.toBe(401);
      await expect(
        t.dataSource.manager.findOneByOrFail(ChargePointEntity, { id: 'CP_UNTOUCHED' }),
      ).resolves.toEqual(rowsBefore);
      await expect(rowCounts(t.dataSource)).resolves.toEqual(countsBefore);
      expect(rowsBefore).toMatchObject({ online: false, lastSeenAt: null, lastSeq: 0 });
      expect(events.of('CP_UNTOUCHED')).toEqual([]);
    });

    it('refuses an unregistered id with 404 and registers nothing', async () => {
      const before = await rowCounts(t.dataSource);
      await expect(handshakeStatus(url('CP_NOBODY'))).resolves.toBe(404);
      await expect(
        handshakeStatus(url('CP_NOBODY'), { headers: basicAuth('CP_NOBODY', PASSWORD) }),
      ).resolves.toBe(404);
      await expect(
        t.dataSource.manager.findOneBy(ChargePointEntity, { id: 'CP_NOBODY' }),
      ).resolves.toBeNull();
      await expect(rowCounts(t.dataSource)).resolves.toEqual(before);
    });

    it.each([
      ['49 characters', 'CP_' + 'x'.repeat(46)],
      ["a ':'", 'CP:1'],
      ["a percent-encoded ':'", 'CP%3A1'],
      ['an empty id', ''],
      ["a '/'", 'CP/1'],
      ["a percent-encoded '/'", 'CP%2F1'],
      ['a space', 'CP%201'],
      ['a letter outside ASCII', 'CP%C3%A91'],
      ['bad percent-encoding', 'CP%E0%A4%A'],
    ])('refuses an id with %s with 400', async (_what, path) => {
      await expect(handshakeStatus(url(path))).resolves.toBe(400);
    });

    it('accepts an id with every allowed special character * - _ = + | @ .', async () => {
      const path = ID_SPECIAL.replace('|', '%7C');
      await expect(
        handshakeStatus(url(path), { headers: basicAuth(ID_SPECIAL, PASSWORD) }),
      ).resolves.toBe(101);
    });

    it('accepts an id of 48 characters', async () => {
      expect(ID_48).toHaveLength(48);
      await expect(
        handshakeStatus(url(ID_48), { headers: basicAuth(ID_48, PASSWORD) }),
      ).resolves.toBe(101);
    });

    it.each([
      ['no sub-protocol', []],
      ['only ocpp2.1', ['ocpp2.1']],
      ['only an unknown one', ['foo']],
    ])('refuses a handshake that offers %s with 400', async (_what, protocols) => {
      await expect(
        handshakeStatus(url('CP_AUTH'), { protocols, headers: basicAuth('CP_AUTH', PASSWORD) }),
      ).resolves.toBe(400);
    });

    it('picks ocpp1.6 among the offered sub-protocols', async () => {
      await expect(
        negotiatedProtocol(url('CP_AUTH'), ['foo', 'ocpp1.6'], basicAuth('CP_AUTH', PASSWORD)),
      ).resolves.toBe('ocpp1.6');
    });

    it.each(['/other', '/ocpp', '/ws'])('answers an upgrade on %s with 404', async (path) => {
      await expect(handshakeStatus(`${t.wsUrl}${path}`)).resolves.toBe(404);
    });
  });

  describe('with OCPP_ALLOW_UNKNOWN_CHARGERS=true', () => {
    let t: TestApp;
    const url = (path: string) => `${t.wsUrl}/ocpp/${path}`;

    beforeAll(async () => {
      t = await startApp(dialect, { OCPP_ALLOW_UNKNOWN_CHARGERS: 'true' });
    });
    afterAll(() => t.close());

    it('accepts an unregistered id and registers it with no owner', async () => {
      await expect(
        t.dataSource.manager.findOneBy(ChargePointEntity, { id: 'CP_NEW_1' }),
      ).resolves.toBeNull();
      await expect(handshakeStatus(url('CP_NEW_1'))).resolves.toBe(101);
      const row = await t.dataSource.manager.findOneByOrFail(ChargePointEntity, {
        id: 'CP_NEW_1',
      });
      expect(row).toMatchObject({ id: 'CP_NEW_1', ownerId: null, passwordHash: null });
    });

    it('still refuses a registered charger with wrong credentials (401)', async () => {
      await t.dataSource.manager.insert(ChargePointEntity, {
        id: 'CP_KNOWN',
        passwordHash: await hashPassword(PASSWORD),
      });
      await expect(handshakeStatus(url('CP_KNOWN'))).resolves.toBe(401);
      await expect(
        handshakeStatus(url('CP_KNOWN'), { headers: basicAuth('CP_KNOWN', 'wrong-pass') }),
      ).resolves.toBe(401);
    });

    it('decides handshakes that arrive together each on its own (they are looked up in one go)', async () => {
      const passwordHash = await hashPassword(PASSWORD);
      for (const id of ['CP_TOGETHER_A', 'CP_TOGETHER_B'])
        await t.dataSource.manager.insert(ChargePointEntity, { id, passwordHash });
      const attempts: [string, Record<string, string> | undefined, number][] = [
        ['CP_TOGETHER_A', basicAuth('CP_TOGETHER_A', PASSWORD), 101],
        ['CP_TOGETHER_B', basicAuth('CP_TOGETHER_B', 'wrong-pass'), 401],
        ['CP_TOGETHER_NEW_1', undefined, 101],
        ['CP_TOGETHER_NEW_2', undefined, 101],
        // the same new id twice at once: both accepted, registered once
        ['CP_TOGETHER_NEW_2', undefined, 101],
        ['CP_TOGETHER_A', undefined, 401],
      ];
      const statuses = await Promise.all(
        attempts.map(([id, headers]) => handshakeStatus(url(id), { headers })),
      );
      expect(statuses).toEqual(attempts.map(([, , status]) => status));
      const rows = await t.dataSource.manager.find(ChargePointEntity, {
        where: [{ id: 'CP_TOGETHER_NEW_1' }, { id: 'CP_TOGETHER_NEW_2' }],
      });
      expect(rows.map((r) => [r.id, r.passwordHash]).sort()).toEqual([
        ['CP_TOGETHER_NEW_1', null],
        ['CP_TOGETHER_NEW_2', null],
      ]);
    });

    it.each([
      ['a bad id', 'CP:1', ['ocpp1.6'], 400],
      ['an id of 49 characters', 'CP_' + 'x'.repeat(46), ['ocpp1.6'], 400],
      ['no sub-protocol', 'CP_NEW_2', [], 400],
      ['only ocpp2.1', 'CP_NEW_3', ['ocpp2.1'], 400],
    ])('writes no row for a handshake refused for %s', async (_what, path, protocols, status) => {
      const before = await rowCounts(t.dataSource);
      await expect(handshakeStatus(url(path), { protocols })).resolves.toBe(status);
      await expect(rowCounts(t.dataSource)).resolves.toEqual(before);
    });
  });
});
