import { Metrics } from '../../../infrastructure/metrics/metrics.service.js';
import {
  aGatewayConfig,
  deferred,
  FakeConnection,
  FakeEventTransport,
  FakePresence,
  RecordingBus,
} from '../../../../test/helpers/ocpp-gateway-fakes.js';
import {
  ConnectChargePointCommand,
  DisconnectChargePointCommand,
} from '../../charge-point/index.js';
import { ChargerSessions } from '../charger-sessions.js';
import { OCPP_CLOSE } from '../ocpp-close-codes.js';
import type { OcppTransport } from '../transport/ocpp-transport.js';
import { ConnectivityUpdates } from './connectivity-updates.js';
import { OcppConnections } from './ocpp-connections.js';
import { OcppDispatcher } from './ocpp-dispatcher.js';

const flush = () => new Promise((r) => setImmediate(r));

describe('OcppConnections', () => {
  let sessions: ChargerSessions;
  let presence: FakePresence;
  let events: FakeEventTransport;
  let commands: RecordingBus;
  let updates: ConnectivityUpdates;
  let transportClosed: number;
  let open: FakeConnection[];
  let metrics: Metrics;

  function connections(shared = false): OcppConnections {
    presence.shared = shared;
    const transport = {
      // the transport closes every connection with 1001 (each closes as it would)
      close: async () => {
        transportClosed++;
        open.forEach((c) => c.socketClosed(OCPP_CLOSE.GOING_AWAY));
      },
    } as unknown as OcppTransport;
    const dispatcher = new OcppDispatcher(
      [
        {
          protocol: 'ocpp1.6',
          handlers: [{ action: 'Heartbeat', handle: async (id) => ({ id }) }],
          csmsInitiatedActions: ['Reset'],
        },
      ],
      metrics,
      aGatewayConfig(),
    );
    return new OcppConnections(
      transport,
      sessions,
      presence.port,
      events.port,
      commands.commandBus,
      dispatcher,
      updates,
      metrics,
    );
  }

  function connect(subject: OcppConnections, chargePointId = 'CP_BKK_001', protocol = 'ocpp1.6') {
    const connection = new FakeConnection(chargePointId, protocol);
    open.push(connection);
    subject.onConnection(connection);
    return connection;
  }

  beforeEach(() => {
    sessions = new ChargerSessions();
    presence = new FakePresence(false, 'instance-a');
    events = new FakeEventTransport('instance-a');
    commands = new RecordingBus();
    updates = new ConnectivityUpdates(commands.commandBus, presence.port);
    transportClosed = 0;
    open = [];
    metrics = new Metrics();
  });

  it('makes a new connection the charger’s session, claims it, and records it online', async () => {
    const subject = connections();

    const connection = connect(subject, 'CP_BKK_001', 'ocpp1.6');
    await sessions.get('CP_BKK_001')!.ready;

    expect(sessions.get('CP_BKK_001')?.connection).toBe(connection);
    expect(presence.holders.get('CP_BKK_001')).toBe('instance-a');
    expect(commands.of(ConnectChargePointCommand)).toEqual([
      new ConnectChargePointCommand('CP_BKK_001', false, '1.6'),
    ]);
    expect(events.broadcasts).toEqual([]);
  });

  it('serves the protocol’s actions and hands calls to the dispatcher', async () => {
    const subject = connections();
    const connection = connect(subject);

    expect(connection.served?.actions).toEqual(['Heartbeat', 'Reset']);
    await expect(connection.served!.handler('Heartbeat', {})).resolves.toEqual({
      id: 'CP_BKK_001',
    });
    await expect(connection.served!.handler('Reset', {})).rejects.toMatchObject({
      ocppCode: 'NotSupported',
    });
  });

  it('counts activity: a frame moves lastActivityAt', async () => {
    const subject = connections();
    const connection = connect(subject);
    const session = sessions.get('CP_BKK_001')!;
    session.lastActivityAt = 0;

    connection.receivedFrame();

    expect(session.lastActivityAt).toBeGreaterThan(0);
  });

  it('a new connection here replaces the old one, which closes without going offline', async () => {
    const subject = connections();
    const old = connect(subject);
    await sessions.get('CP_BKK_001')!.ready;

    const fresh = connect(subject);
    await sessions.get('CP_BKK_001')!.ready;
    old.socketClosed(OCPP_CLOSE.REPLACED);
    await updates.drain();

    expect(old.closes).toEqual([
      { code: OCPP_CLOSE.REPLACED, reason: 'replaced by a new connection' },
    ]);
    expect(commands.of(ConnectChargePointCommand).at(-1)?.replaced).toBe(true);
    expect(commands.of(DisconnectChargePointCommand)).toEqual([]);
    expect(sessions.get('CP_BKK_001')?.connection).toBe(fresh);
  });

  it('taking a charger another instance held tells the others, and counts as replaced', async () => {
    const subject = connections(true);
    presence.holders.set('CP_BKK_001', 'instance-b');

    connect(subject);
    await sessions.get('CP_BKK_001')!.ready;

    expect(events.broadcasts).toEqual([{ kind: 'charger_taken', chargePointId: 'CP_BKK_001' }]);
    expect(commands.of(ConnectChargePointCommand)[0].replaced).toBe(true);
  });

  it('taken elsewhere: the socket here closes, and its close sets nothing offline', async () => {
    const subject = connections(true);
    const connection = connect(subject);
    await sessions.get('CP_BKK_001')!.ready;

    subject.onClusterMessage({ kind: 'charger_taken', chargePointId: 'CP_BKK_001' });
    connection.socketClosed(OCPP_CLOSE.REPLACED);
    await updates.drain();

    expect(connection.closes).toEqual([
      { code: OCPP_CLOSE.REPLACED, reason: 'replaced by a new connection' },
    ]);
    expect(sessions.get('CP_BKK_001')).toBeUndefined();
    expect(commands.of(DisconnectChargePointCommand)).toEqual([]);
    expect(presence.released).toEqual([]);
  });

  it('removed here: tells the other instances, closes with 4002 and releases, not offline', async () => {
    const subject = connections(true);
    const connection = connect(subject);
    await sessions.get('CP_BKK_001')!.ready;

    subject.removed('CP_BKK_001');
    connection.socketClosed(OCPP_CLOSE.REMOVED);
    await updates.drain();

    expect(events.broadcasts).toEqual([{ kind: 'charger_removed', chargePointId: 'CP_BKK_001' }]);
    expect(connection.closes).toEqual([
      { code: OCPP_CLOSE.REMOVED, reason: 'removed by an admin' },
    ]);
    expect(presence.released).toEqual(['CP_BKK_001']);
    expect(commands.of(DisconnectChargePointCommand)).toEqual([]);
  });

  it('removed on another instance: closes here with 4002 without telling anyone again', async () => {
    const subject = connections(true);
    const connection = connect(subject);

    subject.onClusterMessage({ kind: 'charger_removed', chargePointId: 'CP_BKK_001' });

    expect(connection.closes.map((c) => c.code)).toEqual([OCPP_CLOSE.REMOVED]);
    expect(events.broadcasts).toEqual([]);
    // a charger not connected here: nothing to do
    subject.onClusterMessage({ kind: 'charger_removed', chargePointId: 'CP_ELSEWHERE' });
    expect(presence.released).toEqual(['CP_BKK_001']);
  });

  it('a close goes offline as of the last activity, and releases the charger', async () => {
    const subject = connections(true);
    const connection = connect(subject);
    sessions.get('CP_BKK_001')!.lastActivityAt = Date.UTC(2026, 11, 2, 10, 0, 0);

    connection.socketClosed(1006);
    await updates.drain();

    expect(commands.of(DisconnectChargePointCommand)).toEqual([
      new DisconnectChargePointCommand(
        'CP_BKK_001',
        'closed',
        new Date(Date.UTC(2026, 11, 2, 10, 0, 0)),
      ),
    ]);
    expect(presence.released).toEqual(['CP_BKK_001']);
    expect(sessions.get('CP_BKK_001')).toBeUndefined();
  });

  it('at shutdown with shared presence, chargers are released, not set offline', async () => {
    const subject = connections(true);
    connect(subject, 'CP_1');
    connect(subject, 'CP_2');

    await subject.shutdown();

    expect(transportClosed).toBe(1);
    expect(presence.released.sort()).toEqual(['CP_1', 'CP_2']);
    expect(commands.of(DisconnectChargePointCommand)).toEqual([]);
  });

  it('at shutdown alone, chargers go offline, and shutdown waits for those writes', async () => {
    const write = deferred();
    commands = new RecordingBus((c) =>
      c instanceof DisconnectChargePointCommand ? write.promise : undefined,
    );
    updates = new ConnectivityUpdates(commands.commandBus, presence.port);
    const subject = connections(false);
    connect(subject);
    await flush();

    let done = false;
    const shutdown = subject.shutdown().then(() => (done = true));
    await flush();
    expect(commands.of(DisconnectChargePointCommand).map((c) => c.reason)).toEqual(['closed']);
    expect(done).toBe(false);
    write.resolve();

    await shutdown;
    expect(done).toBe(true);
  });

  it('reports the chargers connected when metrics are scraped', async () => {
    const subject = connections();
    connect(subject, 'CP_1');
    connect(subject, 'CP_2');

    const text = await metrics.render();
    expect(text).toMatch(/^voltline_chargers_connected 2$/m);
  });
});
