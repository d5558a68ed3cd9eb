import { answerCalls, type CallHandler } from './helpers/answering-charger.js';
import { startApp, type TestApp } from './helpers/app.js';
import { connectCharger201 } from './helpers/charger.js';
import { testDialects } from './helpers/databases.js';
import { aBootNotification201, aTransactionEvent } from './helpers/ocpp201-builders.js';
import { registerChargePoint } from './helpers/realtime.js';
import { ADMIN, api, bearer, createUser, login, restEnv, type TestUser } from './helpers/rest.js';
import { connectUser, type Msg } from './helpers/user-socket.js';

// Contract sections 5 and 6: the same commands reach a 2.0.1 station as the CALLs 2.0.1 has for
// them (the strict station validates each against its schema), EVSE = the users' connector.

const dialects = await testDialects();

/** The OCPP 2.0.1 CALL each command sends, and what a station that accepts it answers. */
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
    body: { connectorId: 2, idTag: 'TAG-REMOTE' },
    action: 'RequestStartTransaction',
    sent: {
      evseId: 2,
      idToken: { idToken: 'TAG-REMOTE', type: 'Central' },
      remoteStartId: expect.any(Number),
    },
    answer: { status: 'Accepted' },
    status: 'Accepted',
  },
  {
    command: 'reset',
    body: { type: 'Soft' },
    action: 'Reset',
    sent: { type: 'OnIdle' },
    answer: { status: 'Scheduled' },
    status: 'Scheduled',
  },
  {
    command: 'reset',
    body: { type: 'Hard' },
    action: 'Reset',
    sent: { type: 'Immediate' },
    answer: { status: 'Accepted' },
    status: 'Accepted',
  },
  {
    command: 'unlock-connector',
    body: { connectorId: 2 },
    action: 'UnlockConnector',
    sent: { evseId: 2, connectorId: 1 },
    answer: { status: 'Unlocked' },
    status: 'Unlocked',
  },
  {
    command: 'change-availability',
    body: { connectorId: 1, type: 'Inoperative' },
    action: 'ChangeAvailability',
    sent: { operationalStatus: 'Inoperative', evse: { id: 1 } },
    answer: { status: 'Scheduled' },
    status: 'Scheduled',
  },
  {
    command: 'change-availability',
    body: { connectorId: 0, type: 'Operative' },
    action: 'ChangeAvailability',
    sent: { operationalStatus: 'Operative' },
    answer: { status: 'Accepted' },
    status: 'Accepted',
  },
  {
    command: 'get-configuration',
    body: { keys: ['HeartbeatInterval', 'TxCtrlr.EVConnectionTimeOut'] },
    action: 'GetVariables',
    sent: {
      getVariableData: [
        { component: { name: 'OCPPCommCtrlr' }, variable: { name: 'HeartbeatInterval' } },
        { component: { name: 'TxCtrlr' }, variable: { name: 'EVConnectionTimeOut' } },
      ],
    },
    answer: {
      getVariableResult: [
        {
          attributeStatus: 'Accepted',
          attributeValue: '60',
          component: { name: 'OCPPCommCtrlr' },
          variable: { name: 'HeartbeatInterval' },
        },
        {
          attributeStatus: 'UnknownVariable',
          component: { name: 'TxCtrlr' },
          variable: { name: 'EVConnectionTimeOut' },
        },
      ],
    },
    status: 'Accepted',
  },
  {
    command: 'change-configuration',
    body: { key: 'MeterValueSampleInterval', value: '10' },
    action: 'SetVariables',
    sent: {
      setVariableData: [
        {
          component: { name: 'SampledDataCtrlr' },
          variable: { name: 'TxUpdatedInterval' },
          attributeValue: '10',
        },
      ],
    },
    answer: {
      setVariableResult: [
        {
          attributeStatus: 'RebootRequired',
          component: { name: 'SampledDataCtrlr' },
          variable: { name: 'TxUpdatedInterval' },
        },
      ],
    },
    status: 'RebootRequired',
  },
  {
    command: 'trigger-message',
    body: { message: 'StatusNotification', connectorId: 1 },
    action: 'TriggerMessage',
    sent: { requestedMessage: 'StatusNotification', evse: { id: 1, connectorId: 1 } },
    answer: { status: 'Accepted' },
    status: 'Accepted',
  },
  {
    command: 'trigger-message',
    body: { message: 'DiagnosticsStatusNotification' },
    action: 'TriggerMessage',
    sent: { requestedMessage: 'LogStatusNotification' },
    answer: { status: 'Rejected' },
    status: 'Rejected',
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

/** A 2.0.1 station that records the CALLs it receives and answers them with `handlers`. */
async function stationAnswering(t: TestApp, id: string, handlers: Record<string, Handler>) {
  const cp = await connectCharger201(t.wsUrl, id);
  const received = answerCalls(cp, handlers);
  await cp.call('BootNotification', aBootNotification201());
  return { cp, received };
}

const send = (t: TestApp, token: string, id: string, command: string, body: unknown) =>
  api(t)
    .post(`/api/v1/charge-points/${id}/commands/${command}`)
    .set(bearer(token))
    .send(body as object);

const eventNamed = (name: string) => (m: Msg) => m.type === 'event' && m.event === name;

describe.each(dialects)('remote commands to an OCPP 2.0.1 station (%s)', (dialect) => {
  let t: TestApp;
  let admin: string;
  let owner: TestUser;
  let n = 0;

  beforeAll(async () => {
    t = await startApp(dialect, {
      ...restEnv,
      OCPP_CALL_TIMEOUT_S: '2',
      OCPP_ACCEPT_UNKNOWN_ID_TAGS: 'true',
    });
    admin = await login(t, ADMIN.username, ADMIN.password);
    owner = await createUser(t, admin, 'cmd201-owner');
  });
  afterAll(() => t.close());

  async function ownedStation(handlers: Record<string, Handler>) {
    const id = `CP_CMD201_${++n}`;
    await registerChargePoint(t, admin, id, owner.id);
    return { id, ...(await stationAnswering(t, id, handlers)) };
  }

  it.each(COMMANDS)(
    '$command $body sends $action, and the caller gets the answer',
    async ({ command, body, action, sent, answer, status }) => {
      const { id, cp, received } = await ownedStation({ [action]: () => answer });
      const watcher = await connectUser(t.wsUrl, owner.token);
      await watcher.request({ action: 'subscribe', chargePointId: id, id: 's' });
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
        const done = await watcher.next(eventNamed('CommandCompleted'));
        expect(done.data).toEqual({ commandId: res.body.commandId, command, status });
      } finally {
        watcher.close();
        await cp.close();
      }
    },
  );

  it("stops a transaction by the station's own id, which users never have to know", async () => {
    const { id, cp, received } = await ownedStation({
      RequestStopTransaction: () => ({ status: 'Accepted' }),
    });
    try {
      await cp.call(
        'TransactionEvent',
        aTransactionEvent('Started', 0, {
          evse: { id: 1 },
          idToken: { idToken: 'TAG1', type: 'ISO14443' },
          transactionInfo: { transactionId: 'STATION-TX-9' },
        }),
      );
      const snapshot = await api(t).get(`/api/v1/charge-points/${id}`).set(bearer(owner.token));
      const transactionId = snapshot.body.connectors[0].transaction.id as number;

      const res = await send(t, owner.token, id, 'stop-transaction', { transactionId });

      expect(res.status).toBe(200);
      expect(res.body.status).toBe('Accepted');
      expect(received).toEqual([
        { action: 'RequestStopTransaction', params: { transactionId: 'STATION-TX-9' } },
      ]);
    } finally {
      await cp.close();
    }
  });

  it.each([
    ['stop-transaction', { transactionId: 987654 }, /987654/],
    ['get-configuration', { keys: ['NoSuchOcpp16Key'] }, /NoSuchOcpp16Key/],
    ['get-configuration', {}, /keys/],
    ['change-configuration', { key: 'Bad Key!.x', value: '1' }, /Bad Key/],
  ])('answers 400 to %s %j for a 2.0.1 station and sends nothing', async (command, body, what) => {
    const { id, cp, received } = await ownedStation({});
    try {
      const res = await send(t, owner.token, id, command, body);

      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body.message)).toMatch(what);
      expect(received).toEqual([]);
    } finally {
      await cp.close();
    }
  });

  it('keeps what GetVariables and SetVariables said under the keys the caller used', async () => {
    const { id, cp } = await ownedStation({
      GetVariables: () => ({
        getVariableResult: [
          {
            attributeStatus: 'Accepted',
            attributeValue: '30',
            component: { name: 'SampledDataCtrlr' },
            variable: { name: 'TxUpdatedInterval' },
          },
        ],
      }),
      SetVariables: () => ({
        setVariableResult: [
          {
            attributeStatus: 'Accepted',
            component: { name: 'OCPPCommCtrlr' },
            variable: { name: 'HeartbeatInterval' },
          },
        ],
      }),
    });
    try {
      await send(t, owner.token, id, 'get-configuration', {
        keys: ['MeterValueSampleInterval'],
      }).expect(200);
      await send(t, owner.token, id, 'change-configuration', {
        key: 'OCPPCommCtrlr.HeartbeatInterval',
        value: '120',
      }).expect(200);

      const kept = await api(t)
        .get(`/api/v1/charge-points/${id}/configuration`)
        .set(bearer(owner.token));
      expect(kept.body.items).toEqual([
        { key: 'MeterValueSampleInterval', value: '30', readonly: false },
        { key: 'OCPPCommCtrlr.HeartbeatInterval', value: '120', readonly: false },
      ]);
    } finally {
      await cp.close();
    }
  });

  it('answers 502 with the code of a 2.0.1 CALLERROR', async () => {
    const { id, cp } = await ownedStation({
      ClearCache: () => {
        throw Object.assign(new Error('busy'), { rpcErrorCode: 'SecurityError' });
      },
    });
    try {
      const res = await send(t, owner.token, id, 'clear-cache', {});
      expect(res.status).toBe(502);
      expect(res.body).toMatchObject({ statusCode: 502, code: 'SecurityError' });
    } finally {
      await cp.close();
    }
  });
});
