import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type {
  ClusterMessage,
  EventTransport,
} from '../../../infrastructure/event-bus/event-transport.js';
import type {
  UpgradeHandler,
  UpgradeRouter,
} from '../../../infrastructure/websocket/upgrade-router.js';
import { FakeConnection } from '../../../../test/helpers/ocpp-gateway-fakes.js';
import type { OcppHandshake, OcppTransport } from '../transport/ocpp-transport.js';
import type { OcppConnections } from './ocpp-connections.js';
import type { OcppHandshakes } from './ocpp-handshakes.js';
import type { OcppSweeps } from './ocpp-sweeps.js';
import { OcppGateway } from './ocpp.gateway.js';

// The gateway only wires: each event reaches its part, in the order start and stop need.
describe('OcppGateway', () => {
  const calls: string[] = [];
  const hooks: {
    decide?: (h: OcppHandshake) => unknown;
    connection?: (c: FakeConnection) => void;
    route?: [string, UpgradeHandler];
    cluster?: (m: ClusterMessage) => void;
    recovered?: () => void;
  } = {};
  const record =
    (name: string) =>
    (...args: unknown[]) => {
      calls.push(name);
      return args;
    };

  const gateway = new OcppGateway(
    {
      route: (prefix: string, handle: UpgradeHandler) => (hooks.route = [prefix, handle]),
    } as unknown as UpgradeRouter,
    {
      authenticate: (decide: (h: OcppHandshake) => unknown) => {
        calls.push('authenticate');
        hooks.decide = decide;
      },
      onConnection: (listener: (c: FakeConnection) => void) => (hooks.connection = listener),
    } as unknown as OcppTransport,
    {
      onClusterMessage: (l: (m: ClusterMessage) => void) => (hooks.cluster = l),
      onRecovered: (l: () => void) => (hooks.recovered = l),
    } as unknown as EventTransport,
    { decide: record('decide'), onUpgrade: record('onUpgrade') } as unknown as OcppHandshakes,
    {
      onConnection: record('onConnection'),
      onClusterMessage: record('onClusterMessage'),
      shutdown: async () => void calls.push('connections.shutdown'),
    } as unknown as OcppConnections,
    {
      markOrphans: async () => void calls.push('markOrphans'),
      start: record('sweeps.start'),
      stop: record('sweeps.stop'),
      onRecovered: record('sweeps.onRecovered'),
    } as unknown as OcppSweeps,
  );

  beforeEach(() => (calls.length = 0));

  it('at bootstrap marks orphans before it takes any handshake, then starts the sweeps', async () => {
    await gateway.onApplicationBootstrap();

    expect(calls).toEqual(['markOrphans', 'authenticate', 'sweeps.start']);
  });

  it('routes each event to its part', async () => {
    await gateway.onApplicationBootstrap();
    calls.length = 0;

    void hooks.decide!({} as OcppHandshake);
    hooks.connection!(new FakeConnection());
    expect(hooks.route![0]).toBe('/ocpp/');
    hooks.route![1]({} as IncomingMessage, {} as Duplex, Buffer.alloc(0));
    hooks.cluster!({ kind: 'charger_taken' });
    hooks.recovered!();

    expect(calls).toEqual([
      'decide',
      'onConnection',
      'onUpgrade',
      'onClusterMessage',
      'sweeps.onRecovered',
    ]);
  });

  it('at shutdown stops the sweeps, then closes the connections', async () => {
    await gateway.beforeApplicationShutdown();

    expect(calls).toEqual(['sweeps.stop', 'connections.shutdown']);
  });
});
