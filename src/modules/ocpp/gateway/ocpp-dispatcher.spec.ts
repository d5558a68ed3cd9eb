import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { Metrics } from '../../../infrastructure/metrics/metrics.service.js';
import {
  aGatewayConfig,
  deferred,
  FakeConnection,
} from '../../../../test/helpers/ocpp-gateway-fakes.js';
import { ChargerSessions, type ChargerSession } from '../charger-sessions.js';
import type { OcppActionHandler, OcppEdge } from '../ocpp-edges.js';
import { OcppCallError } from '../transport/ocpp-transport.js';
import { OcppDispatcher } from './ocpp-dispatcher.js';

/** A handler that records its calls and answers with `answer` (or what it returns). */
function aHandler(
  action: string,
  answer: (request: unknown) => Promise<unknown> = async () => ({ from: action }),
): OcppActionHandler & { calls: unknown[] } {
  const calls: unknown[] = [];
  return {
    action,
    calls,
    handle: (_chargePointId: string, request: unknown) => (calls.push(request), answer(request)),
  };
}

const anEdge = (
  protocol: string,
  handlers: OcppActionHandler[],
  csms: string[] = [],
): OcppEdge => ({
  protocol,
  handlers,
  csmsInitiatedActions: csms,
});

function aSession(protocol = 'ocpp1.6', chargePointId = 'CP_BKK_001'): ChargerSession {
  return new ChargerSessions().open(new FakeConnection(chargePointId, protocol)).session;
}

async function countOf(metrics: Metrics, action: string, result: string): Promise<number> {
  const { values } = await metrics.ocppMessages.get();
  return values.find((v) => v.labels.action === action && v.labels.result === result)?.value ?? 0;
}

describe('OcppDispatcher', () => {
  let metrics: Metrics;

  let warn: jest.SpiedFunction<Logger['warn']>;

  beforeEach(() => {
    metrics = new Metrics();
    warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
  });

  afterEach(() => jest.restoreAllMocks());

  it('offers a charger its own actions and the central system’s, per sub-protocol', () => {
    const dispatcher = new OcppDispatcher(
      [
        anEdge('ocpp1.6', [aHandler('Heartbeat')], ['RemoteStartTransaction']),
        anEdge('ocpp2.0.1', [aHandler('TransactionEvent')], ['RequestStartTransaction']),
      ],
      metrics,
      aGatewayConfig(),
    );

    expect(dispatcher.actionsFor('ocpp1.6')).toEqual(['Heartbeat', 'RemoteStartTransaction']);
    expect(dispatcher.actionsFor('ocpp2.0.1')).toEqual([
      'TransactionEvent',
      'RequestStartTransaction',
    ]);
    expect(dispatcher.actionsFor('ocpp1.5')).toEqual([]);
  });

  it('hands a call to the handler of its (version, action)', async () => {
    const v16 = aHandler('Heartbeat', async () => ({ currentTime: '1.6' }));
    const v201 = aHandler('Heartbeat', async () => ({ currentTime: '2.0.1' }));
    const dispatcher = new OcppDispatcher(
      [anEdge('ocpp1.6', [v16]), anEdge('ocpp2.0.1', [v201])],
      metrics,
      aGatewayConfig(),
    );

    await expect(dispatcher.dispatch(aSession('ocpp2.0.1'), 'Heartbeat', {})).resolves.toEqual({
      currentTime: '2.0.1',
    });
    expect(v16.calls).toHaveLength(0);
    expect(await countOf(metrics, 'Heartbeat', 'ok')).toBe(1);
  });

  it('answers NotSupported to an action the central system sends, and handles nothing', async () => {
    const heartbeat = aHandler('Heartbeat');
    const dispatcher = new OcppDispatcher(
      [anEdge('ocpp1.6', [heartbeat], ['RemoteStartTransaction'])],
      metrics,
      aGatewayConfig(),
    );

    await expect(
      dispatcher.dispatch(aSession(), 'RemoteStartTransaction', { idTag: 'TAG' }),
    ).rejects.toMatchObject({ ocppCode: 'NotSupported' });
    expect(heartbeat.calls).toHaveLength(0);
  });

  it('past the in-flight cap answers GenericError without calling the handler', async () => {
    const gate = deferred<unknown>();
    const handler = aHandler('Heartbeat', () => gate.promise);
    const dispatcher = new OcppDispatcher(
      [anEdge('ocpp1.6', [handler])],
      metrics,
      aGatewayConfig({ maxPendingCalls: 1 }),
    );
    const session = aSession();

    const first = dispatcher.dispatch(session, 'Heartbeat', { n: 1 });
    await expect(dispatcher.dispatch(session, 'Heartbeat', { n: 2 })).rejects.toMatchObject({
      ocppCode: 'GenericError',
      message: 'Too many calls in flight: await each answer',
    });
    gate.resolve({ currentTime: 'now' });

    await expect(first).resolves.toEqual({ currentTime: 'now' });
    expect(handler.calls).toEqual([{ n: 1 }]);
    expect(session.inFlight).toBe(0);
    await expect(dispatcher.dispatch(session, 'Heartbeat', { n: 3 })).resolves.toBeDefined();
  });

  it('past the rate limit answers GenericError without calling the handler', async () => {
    const handler = aHandler('Heartbeat');
    const dispatcher = new OcppDispatcher(
      [anEdge('ocpp1.6', [handler])],
      metrics,
      aGatewayConfig({ ratePer10s: 2 }),
    );
    const session = aSession();
    await dispatcher.dispatch(session, 'Heartbeat', {});
    await dispatcher.dispatch(session, 'Heartbeat', {});

    await expect(dispatcher.dispatch(session, 'Heartbeat', {})).rejects.toMatchObject({
      ocppCode: 'GenericError',
      message: 'Too many calls: slow down',
    });
    expect(handler.calls).toHaveLength(2);
    expect(session.inFlight).toBe(0);
    // per charger: another charger is not held back
    await expect(
      dispatcher.dispatch(aSession('ocpp1.6', 'CP_2'), 'Heartbeat', {}),
    ).resolves.toBeDefined();
  });

  it('turns a handler’s own error into InternalError, and counts it', async () => {
    const dispatcher = new OcppDispatcher(
      [
        anEdge('ocpp1.6', [
          aHandler('StartTransaction', () => Promise.reject(new Error('db down'))),
        ]),
      ],
      metrics,
      aGatewayConfig(),
    );

    const call = dispatcher.dispatch(aSession(), 'StartTransaction', { connectorId: 1 });

    await expect(call).rejects.toBeInstanceOf(OcppCallError);
    await expect(call).rejects.toMatchObject({
      ocppCode: 'InternalError',
      message: 'The request could not be processed',
    });
    expect(await countOf(metrics, 'StartTransaction', 'InternalError')).toBe(1);
  });

  it('lets an OcppCallError through as it is, and counts it by its code', async () => {
    const refusal = new OcppCallError('PropertyConstraintViolation', 'no such connector');
    const dispatcher = new OcppDispatcher(
      [anEdge('ocpp1.6', [aHandler('StatusNotification', () => Promise.reject(refusal))])],
      metrics,
      aGatewayConfig(),
    );

    await expect(dispatcher.dispatch(aSession(), 'StatusNotification', {})).rejects.toBe(refusal);
    expect(await countOf(metrics, 'StatusNotification', 'PropertyConstraintViolation')).toBe(1);
  });

  it('checks values before the handler: a connector past the limit is never handled', async () => {
    const handler = aHandler('StatusNotification');
    const dispatcher = new OcppDispatcher(
      [anEdge('ocpp1.6', [handler])],
      metrics,
      aGatewayConfig({ maxConnectors: 4 }),
    );

    await expect(
      dispatcher.dispatch(aSession(), 'StatusNotification', { connectorId: 5 }),
    ).rejects.toMatchObject({ ocppCode: 'PropertyConstraintViolation' });
    expect(handler.calls).toHaveLength(0);
  });

  it('handles a call only once the charger is recorded online, even if that failed', async () => {
    const online = deferred();
    const handler = aHandler('BootNotification');
    const dispatcher = new OcppDispatcher(
      [anEdge('ocpp1.6', [handler])],
      metrics,
      aGatewayConfig(),
    );
    const session = aSession();
    session.ready = online.promise;

    const call = dispatcher.dispatch(session, 'BootNotification', {});
    await new Promise((r) => setImmediate(r));
    expect(handler.calls).toHaveLength(0);
    online.reject(new Error('database away'));

    await expect(call).resolves.toEqual({ from: 'BootNotification' });
  });

  it('logs a charger’s refused calls once per window, with how many were left out', async () => {
    const dispatcher = new OcppDispatcher(
      [anEdge('ocpp1.6', [aHandler('Heartbeat')])],
      metrics,
      aGatewayConfig({ ratePer10s: 1 }),
    );
    const session = aSession();
    await dispatcher.dispatch(session, 'Heartbeat', {});

    for (let i = 0; i < 3; i++)
      await expect(dispatcher.dispatch(session, 'Heartbeat', {})).rejects.toBeDefined();
    await expect(
      dispatcher.dispatch(aSession('ocpp1.6', 'CP_2'), 'Heartbeat', { connectorId: 99 }),
    ).rejects.toBeDefined();

    expect(warn.mock.calls.map(([line]) => line)).toEqual([
      expect.objectContaining({
        msg: 'Heartbeat refused: rate limit',
        chargePointId: 'CP_BKK_001',
      }),
      expect.objectContaining({ chargePointId: 'CP_2' }),
    ]);
  });
});
