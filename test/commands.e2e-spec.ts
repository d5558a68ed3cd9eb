import { answerCalls, type CallHandler } from './helpers/answering-charger.js';
import { startApp, type TestApp } from './helpers/app.js';
import { connectCharger } from './helpers/charger.js';
import { testDialects } from './helpers/databases.js';
import { grantAccess, registerChargePoint, sleep, until } from './helpers/realtime.js';
import { ADMIN, api, bearer, createUser, login, restEnv, type TestUser } from './helpers/rest.js';
import { connectUser, type Msg, type UserSocket } from './helpers/user-socket.js';

// Contract section 5: a command goes from REST to the charger as an OCPP CALL, the charger's
// answer comes back to the caller, the command is stored and its lifecycle reaches the watchers.

const dialects = await testDialects();

/** The OCPP 1.6 CALL each command sends, and what a charger that accepts it answers. */
const COMMANDS: Array<{
  command: string;
  body: Record<string, unknown>;
  action: string;
  sent: Record<string, unknown>;
  answer: Record<string, unknown>;
  status: string;
}> = [
  {
    command: 'start-transaction',
    body: { connectorId: 1, idTag: 'TAG-REMOTE' },
    action: 'RemoteStartTransaction',
    sent: { connectorId: 1, idTag: 'TAG-REMOTE' },
    answer: { status: 'Accepted' },
    status: 'Accepted',
  },
  {
    command: 'stop-transaction',
    body: { transactionId: 7 },
    action: 'RemoteStopTransaction',
    sent: { transactionId: 7 },
    answer: { status: 'Rejected' },
    status: 'Rejected',
  },
  {
    command: 'reset',
    body: { type: 'Soft' },
    action: 'Reset',
    sent: { type: 'Soft' },
    answer: { status: 'Accepted' },
    status: 'Accepted',
  },
  {
    command: 'unlock-connector',
    body: { connectorId: 1 },
    action: 'UnlockConnector',
    sent: { connectorId: 1 },
    answer: { status: 'Unlocked' },
    status: 'Unlocked',
  },
  {
    command: 'change-availability',
    body: { connectorId: 0, type: 'Inoperative' },
    action: 'ChangeAvailability',
    sent: { connectorId: 0, type: 'Inoperative' },
    answer: { status: 'Scheduled' },
    status: 'Scheduled',
  },
  {
    command: 'get-configuration',
    body: { keys: ['HeartbeatInterval'] },
    action: 'GetConfiguration',
    sent: { key: ['HeartbeatInterval'] },
    answer: { configurationKey: [{ key: 'HeartbeatInterval', readonly: false, value: '60' }] },
    status: 'Accepted',
  },
  {
    command: 'change-configuration',
    body: { key: 'MeterValueSampleInterval', value: '10' },
    action: 'ChangeConfiguration',
    sent: { key: 'MeterValueSampleInterval', value: '10' },
    answer: { status: 'Accepted' },
    status: 'Accepted',
  },
  {
    command: 'trigger-message',
    body: { message: 'StatusNotification', connectorId: 1 },
    action: 'TriggerMessage',
    sent: { requestedMessage: 'StatusNotification', connectorId: 1 },
    answer: { status: 'Accepted' },
    status: 'Accepted',
  },
  {
    command: 'clear-cache',
    body: {},
    action: 'ClearCache',
    sent: {},
    answer: { status: 'Accepted' },
    status: 'Accepted',
  },
  {
    command: 'data-transfer',
    body: { vendorId: 'ACME', messageId: 'hello', data: 'world' },
    action: 'DataTransfer',
    sent: { vendorId: 'ACME', messageId: 'hello', data: 'world' },
    answer: { status: 'Accepted', data: 'hi' },
    status: 'Accepted',
  },
];

type Handler = CallHandler;

/** A charger that records the CALLs it receives and answers them with `handlers`. */
async function chargerAnswering(t: TestApp, id: string, handlers: Record<string, Handler>) {
  const cp = await connectCharger(t.wsUrl, id);
  const received = answerCalls(cp, handlers);
  await cp.call('BootNotification', { chargePointVendor: 'ACME', chargePointModel: 'X1' });
  return { cp, received };
}

const send = (t: TestApp, token: string, id: string, command: string, body: unknown) =>
  api(t)
    .post(`/api/v1/charge-points/${id}/commands/${command}`)
    .set(bearer(token))
    .send(body as object);

const eventNamed = (name: string, commandId?: string) => (m: Msg) =>
  m.type === 'event' && m.event === name && (!commandId || m.data.commandId === commandId);

describe.each(dialects)('remote commands (%s)', (dialect) => {
  let t: TestApp;
  let admin: string;
  let owner: TestUser;
  let viewer: TestUser;
  let operator: TestUser;
  let stranger: TestUser;
  let n = 0;
  const nextId = () => `CP_CMD_${++n}`;

  beforeAll(async () => {
    t = await startApp(dialect, { ...restEnv, OCPP_CALL_TIMEOUT_S: '1', OCPP_CALL_QUEUE_MAX: '3' });
    admin = await login(t, ADMIN.username, ADMIN.password);
    owner = await createUser(t, admin, 'cmd-owner');
    viewer = await createUser(t, admin, 'cmd-viewer');
    operator = await createUser(t, admin, 'cmd-operator');
    stranger = await createUser(t, admin, 'cmd-stranger');
  });
  afterAll(() => t.close());

  async function ownedCharger(handlers: Record<string, Handler>) {
    const id = nextId();
    await registerChargePoint(t, admin, id, owner.id);
    return { id, ...(await chargerAnswering(t, id, handlers)) };
  }

  async function watch(token: string, id: string): Promise<UserSocket> {
    const u = await connectUser(t.wsUrl, token);
    await u.request({ action: 'subscribe', chargePointId: id, id: 's' });
    return u;
  }

  describe.each(COMMANDS)('$command', ({ command, body, action, sent, answer, status }) => {
    it(`sends ${action}, answers the caller and tells the watchers`, async () => {
      const { id, cp, received } = await ownedCharger({ [action]: () => answer });
      const watcher = await watch(owner.token, id);
      try {
        const res = await send(t, owner.token, id, command, body);

        expect(res.status).toBe(200);
        expect(res.body).toEqual({
          commandId: expect.any(String),
          command,
          status,
          response: answer,
        });
        expect(received).toEqual([{ action, params: sent }]);
        const sentEvent = await watcher.next(eventNamed('CommandSent', res.body.commandId));
        expect(sentEvent.data).toEqual({
          commandId: res.body.commandId,
          command,
          requestedBy: owner.id,
        });
        const done = await watcher.next(eventNamed('CommandCompleted', res.body.commandId));
        expect(done.data).toEqual({ commandId: res.body.commandId, command, status });
        expect(done.seq).toBe(sentEvent.seq + 1);

        const history = await api(t)
          .get(`/api/v1/charge-points/${id}/commands`)
          .set(bearer(owner.token));
        expect(history.status).toBe(200);
        expect(history.body.items[0]).toMatchObject({
          commandId: res.body.commandId,
          command,
          params: body,
          status,
          response: answer,
          requestedBy: owner.id,
          requestedAt: expect.any(String),
          completedAt: expect.any(String),
        });
      } finally {
        watcher.close();
        await cp.close();
      }
    });
  });

  it('keeps what get-configuration answered, and what an accepted change-configuration set', async () => {
    const { id, cp } = await ownedCharger({
      GetConfiguration: () => ({
        configurationKey: [
          { key: 'MeterValueSampleInterval', readonly: false, value: '60' },
          { key: 'NumberOfConnectors', readonly: true, value: '2' },
        ],
        unknownKey: ['Nope'],
      }),
      ChangeConfiguration: ({ key }) => ({ status: key === 'Locked' ? 'Rejected' : 'Accepted' }),
    });
    try {
      const before = await api(t)
        .get(`/api/v1/charge-points/${id}/configuration`)
        .set(bearer(owner.token));
      expect(before.status).toBe(200);
      expect(before.body).toEqual({ items: [], readAt: null });

      expect((await send(t, owner.token, id, 'get-configuration', {})).status).toBe(200);
      await send(t, owner.token, id, 'change-configuration', {
        key: 'MeterValueSampleInterval',
        value: '10',
      }).expect(200);
      await send(t, owner.token, id, 'change-configuration', { key: 'Locked', value: '1' }).expect(
        200,
      );

      const after = await api(t)
        .get(`/api/v1/charge-points/${id}/configuration`)
        .set(bearer(owner.token));
      expect(after.body.readAt).toEqual(expect.any(String));
      expect(after.body.items).toEqual([
        { key: 'MeterValueSampleInterval', value: '10', readonly: false },
        { key: 'NumberOfConnectors', value: '2', readonly: true },
      ]);
    } finally {
      await cp.close();
    }
  });

  it('answers 409 for a charger that is offline, and sends nothing', async () => {
    const id = nextId();
    await registerChargePoint(t, admin, id, owner.id);

    const res = await send(t, owner.token, id, 'reset', { type: 'Hard' });

    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ statusCode: 409, message: expect.stringMatching(/offline/) });
  });

  it('answers 504 when the charger does not answer in time, and tells the watchers Timeout', async () => {
    const { id, cp } = await ownedCharger({ Reset: () => new Promise(() => undefined) });
    const watcher = await watch(owner.token, id);
    try {
      const res = await send(t, owner.token, id, 'reset', { type: 'Soft' });

      expect(res.status).toBe(504);
      expect(res.body).toMatchObject({ statusCode: 504, commandId: expect.any(String) });
      const done = await watcher.next(eventNamed('CommandCompleted'));
      expect(done.data).toMatchObject({ command: 'reset', status: 'Timeout' });
    } finally {
      watcher.close();
      await cp.close({ force: true }); // its handler never answers
    }
  });

  it('answers 502 with the code of a CALLERROR', async () => {
    const { id, cp } = await ownedCharger({
      Reset: () => {
        throw Object.assign(new Error('not today'), { rpcErrorCode: 'NotSupported' });
      },
    });
    const watcher = await watch(owner.token, id);
    try {
      const res = await send(t, owner.token, id, 'reset', { type: 'Soft' });

      expect(res.status).toBe(502);
      expect(res.body).toMatchObject({ statusCode: 502, code: 'NotSupported' });
      const done = await watcher.next(eventNamed('CommandCompleted'));
      expect(done.data).toMatchObject({ status: 'CallError', error: 'NotSupported' });
    } finally {
      watcher.close();
      await cp.close();
    }
  });

  it.each([
    ['reset', { type: 'Sideways' }, /type/],
    ['reset', {}, /type/],
    ['start-transaction', { idTag: 'X'.repeat(21) }, /idTag/],
    ['start-transaction', { idTag: 'T', connectorId: 0 }, /connectorId/],
    ['unlock-connector', { connectorId: 'one' }, /connectorId/],
    ['change-configuration', { key: 'K' }, /value/],
    ['trigger-message', { message: 'Coffee' }, /message/],
    ['data-transfer', { vendorId: 'ACME', extra: 1 }, /extra/],
    ['get-configuration', { keys: 'HeartbeatInterval' }, /keys/],
  ])('answers 400 to %s %j and sends nothing', async (command, body, field) => {
    const { id, cp, received } = await ownedCharger({});
    try {
      const res = await send(t, owner.token, id, command, body);

      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body.message)).toMatch(field);
      expect(received).toEqual([]);
    } finally {
      await cp.close();
    }
  });

  it('answers 404 to an unknown command', async () => {
    const { id, cp } = await ownedCharger({});
    try {
      expect((await send(t, owner.token, id, 'self-destruct', {})).status).toBe(404);
    } finally {
      await cp.close();
    }
  });

  it('lets owner, admin and operate grantees operate; a viewer gets 403, a stranger 404', async () => {
    const { id, cp, received } = await ownedCharger({ ClearCache: () => ({ status: 'Accepted' }) });
    try {
      await grantAccess(t, owner.token, id, viewer.id);
      await api(t)
        .post(`/api/v1/charge-points/${id}/grants`)
        .set(bearer(owner.token))
        .send({ userId: operator.id, level: 'operate' })
        .expect(201);

      expect((await send(t, stranger.token, id, 'clear-cache', {})).status).toBe(404);
      expect((await send(t, viewer.token, id, 'clear-cache', {})).status).toBe(403);
      expect(received).toEqual([]);
      for (const token of [owner.token, admin, operator.token])
        expect((await send(t, token, id, 'clear-cache', {})).status).toBe(200);
      expect(received).toHaveLength(3);

      // a grant's level changes at once, both ways
      await api(t)
        .post(`/api/v1/charge-points/${id}/grants`)
        .set(bearer(owner.token))
        .send({ userId: operator.id, level: 'view' })
        .expect(201);
      expect((await send(t, operator.token, id, 'clear-cache', {})).status).toBe(403);
      const grants = await api(t)
        .get(`/api/v1/charge-points/${id}/grants`)
        .set(bearer(owner.token));
      expect(grants.body.items).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ userId: operator.id, level: 'view' }),
          expect.objectContaining({ userId: viewer.id, level: 'view' }),
        ]),
      );
      // a viewer may read the record, without the idTags of others
      const history = await api(t)
        .get(`/api/v1/charge-points/${id}/commands`)
        .set(bearer(viewer.token));
      expect(history.status).toBe(200);
      expect(history.body.items).toHaveLength(3);
      expect(
        (await api(t).get(`/api/v1/charge-points/${id}/commands`).set(bearer(stranger.token)))
          .status,
      ).toBe(404);
    } finally {
      await cp.close();
    }
  });

  it('masks the idTag of a remote start in the record for those who may not see it', async () => {
    const { id, cp } = await ownedCharger({
      RemoteStartTransaction: () => ({ status: 'Accepted' }),
    });
    try {
      await api(t)
        .post(`/api/v1/charge-points/${id}/grants`)
        .set(bearer(owner.token))
        .send({ userId: operator.id, level: 'operate' })
        .expect(201);
      await send(t, operator.token, id, 'start-transaction', { idTag: 'SECRET-TAG' }).expect(200);

      const asOperator = await api(t)
        .get(`/api/v1/charge-points/${id}/commands`)
        .set(bearer(operator.token));
      const asOwner = await api(t)
        .get(`/api/v1/charge-points/${id}/commands`)
        .set(bearer(owner.token));

      expect(asOperator.body.items[0].params).toEqual({ idTag: null });
      expect(asOwner.body.items[0].params).toEqual({ idTag: 'SECRET-TAG' });
    } finally {
      await cp.close();
    }
  });

  it('sends one CALL at a time: a second command waits for the first answer; past the queue, 429', async () => {
    const releases: Array<() => void> = [];
    const { id, cp, received } = await ownedCharger({
      DataTransfer: () =>
        new Promise((resolve) => releases.push(() => resolve({ status: 'Accepted' }))),
    });
    try {
      const body = (messageId: string) => ({ vendorId: 'ACME', messageId });
      const first = send(t, owner.token, id, 'data-transfer', body('1')).then((r) => r);
      await until(() => received.length === 1, 'the first CALL');
      // the second has arrived (its CommandSent is out) before the third is sent: the order in
      // which the server received them is the order the charger must get them in
      const watcher = await watch(owner.token, id);
      const second = send(t, owner.token, id, 'data-transfer', body('2')).then((r) => r);
      await watcher.next(eventNamed('CommandSent'));
      watcher.close();
      const third = send(t, owner.token, id, 'data-transfer', body('3')).then((r) => r);
      await sleep(150);
      expect(received.map((r) => r.params.messageId)).toEqual(['1']);
      // one in flight and two waiting fill the queue of 3
      const fourth = await send(t, owner.token, id, 'data-transfer', body('4'));
      expect(fourth.status).toBe(429);

      releases.shift()!();
      expect((await first).status).toBe(200);
      await until(() => received.length === 2, 'the second CALL');
      releases.shift()!();
      await until(() => received.length === 3, 'the third CALL');
      releases.shift()!();
      expect([(await second).status, (await third).status]).toEqual([200, 200]);
      expect(received.map((r) => r.params.messageId)).toEqual(['1', '2', '3']);
    } finally {
      await cp.close();
    }
  });

  it('ends a command cleanly when the charger drops mid-call (409), and the queued ones too', async () => {
    const { id, cp, received } = await ownedCharger({ Reset: () => new Promise(() => undefined) });
    const watcher = await watch(owner.token, id);
    try {
      const pending = send(t, owner.token, id, 'reset', { type: 'Hard' }).then((r) => r);
      const queued = send(t, owner.token, id, 'reset', { type: 'Soft' }).then((r) => r);
      await until(() => received.length === 1, 'the CALL');
      await cp.close({ code: 1001, force: true });

      const [a, b] = await Promise.all([pending, queued]);
      expect(a.status).toBe(409);
      expect(b.status).toBe(409);
      const done = await watcher.next(eventNamed('CommandCompleted'));
      expect(done.data).toMatchObject({ status: 'Disconnected' });
    } finally {
      watcher.close();
    }
  });
});

describe('the command record, paged', () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await startApp('sqlite', { ...restEnv });
    admin = await login(t, ADMIN.username, ADMIN.password);
  });
  afterAll(() => t.close());

  it('pages newest first with the cursor of the last page, and refuses a made-up cursor', async () => {
    await registerChargePoint(t, admin, 'CP_PAGED');
    const { cp } = await chargerAnswering(t, 'CP_PAGED', {
      DataTransfer: ({ messageId }) => ({ status: 'Accepted', data: String(messageId) }),
    });
    try {
      for (const messageId of ['1', '2', '3', '4', '5'])
        await send(t, admin, 'CP_PAGED', 'data-transfer', { vendorId: 'V', messageId }).expect(200);

      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const res: { body: { items: Msg[]; nextCursor: string | null } } = await api(t)
          .get('/api/v1/charge-points/CP_PAGED/commands')
          .query({ limit: 2, ...(cursor ? { cursor } : {}) })
          .set(bearer(admin))
          .expect(200);
        seen.push(...res.body.items.map((i: Msg) => i.params.messageId));
        cursor = res.body.nextCursor;
        pages++;
      } while (cursor && pages < 10);

      expect(seen).toEqual(['5', '4', '3', '2', '1']);
      expect(pages).toBe(3);
      const bad = await api(t)
        .get('/api/v1/charge-points/CP_PAGED/commands')
        .query({ cursor: 'made-up' })
        .set(bearer(admin));
      expect(bad.status).toBe(400);
      const unknown = await api(t)
        .get('/api/v1/charge-points/CP_PAGED/commands')
        .query({ sort: 'asc' })
        .set(bearer(admin));
      expect(unknown.status).toBe(400);
    } finally {
      await cp.close();
    }
  });
});
