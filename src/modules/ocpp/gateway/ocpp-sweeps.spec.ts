import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { ListOnlineChargePointIdsQuery } from '../../../common/contracts/charge-points.js';
import {
  aGatewayConfig,
  FakeConnection,
  FakeEventTransport,
  FakePresence,
  RecordingBus,
} from '../../../../test/helpers/ocpp-gateway-fakes.js';
import {
  DisconnectChargePointCommand,
  MarkOrphanedOfflineCommand,
} from '../../charge-point/index.js';
import { ChargerSessions } from '../charger-sessions.js';
import { OCPP_CLOSE } from '../ocpp-close-codes.js';
import { ConnectivityUpdates } from './connectivity-updates.js';
import { OcppSweeps } from './ocpp-sweeps.js';

// heartbeat 60 s + grace 30 s: silent for more than 2 x 60 + 30 = 150 s is offline
const IDLE_LIMIT_MS = 150_000;
const T0 = Date.UTC(2026, 11, 2, 10, 0, 0);

describe('OcppSweeps', () => {
  let sessions: ChargerSessions;
  let presence: FakePresence;
  let events: FakeEventTransport;
  let commands: RecordingBus;
  let queries: RecordingBus;
  let updates: ConnectivityUpdates;
  /** what the database marks online */
  let online: string[];

  function sweeps(shared = true): OcppSweeps {
    presence.shared = shared;
    return new OcppSweeps(
      sessions,
      presence.port,
      events.port,
      commands.commandBus,
      queries.queryBus,
      updates,
      aGatewayConfig({ heartbeatIntervalS: 60, heartbeatGraceS: 30 }),
    );
  }

  function connected(chargePointId: string, lastActivityAt = T0): FakeConnection {
    const connection = new FakeConnection(chargePointId);
    sessions.open(connection).session.lastActivityAt = lastActivityAt;
    presence.holders.set(chargePointId, 'instance-a');
    return connection;
  }

  beforeEach(() => {
    sessions = new ChargerSessions();
    presence = new FakePresence(true, 'instance-a');
    events = new FakeEventTransport('instance-a');
    commands = new RecordingBus(() => 0);
    online = [];
    queries = new RecordingBus((q) =>
      q instanceof ListOnlineChargePointIdsQuery ? online : undefined,
    );
    updates = new ConnectivityUpdates(commands.commandBus, presence.port);
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
  });

  afterEach(() => jest.restoreAllMocks());

  describe('idle sweep', () => {
    it('sets a charger silent past 2 x interval + grace offline (timeout) and closes it 4001', async () => {
      const silent = connected('CP_SILENT', T0);
      const alive = connected('CP_ALIVE', T0 + 10_000);

      sweeps().sweepIdle(T0 + IDLE_LIMIT_MS + 1);
      await updates.drain();

      expect(commands.of(DisconnectChargePointCommand)).toEqual([
        new DisconnectChargePointCommand('CP_SILENT', 'timeout', new Date(T0)),
      ]);
      expect(silent.closes).toEqual([
        { code: OCPP_CLOSE.HEARTBEAT_TIMEOUT, reason: 'heartbeat timeout' },
      ]);
      expect(presence.released).toEqual(['CP_SILENT']);
      expect(sessions.get('CP_SILENT')).toBeUndefined();
      expect(alive.closes).toEqual([]);
      expect(sessions.get('CP_ALIVE')).toBeDefined();
    });

    it('leaves a charger silent for exactly the limit alone', async () => {
      const charger = connected('CP_BKK_001', T0);

      sweeps().sweepIdle(T0 + IDLE_LIMIT_MS);
      await updates.drain();

      expect(charger.closes).toEqual([]);
      expect(commands.sent).toEqual([]);
    });

    it('sets it offline once only: the close that follows is not a second offline', async () => {
      const charger = connected('CP_BKK_001', T0);
      const subject = sweeps();

      subject.sweepIdle(T0 + IDLE_LIMIT_MS + 1);
      subject.sweepIdle(T0 + IDLE_LIMIT_MS + 2);
      await updates.drain();

      expect(commands.of(DisconnectChargePointCommand)).toHaveLength(1);
      expect(charger.closes).toHaveLength(1);
    });
  });

  describe('lost-instance sweep', () => {
    it('sets offline (instance_lost) what the database marks online and nobody holds', async () => {
      connected('CP_HERE');
      presence.holders.set('CP_ELSEWHERE', 'instance-b');
      online = ['CP_HERE', 'CP_ELSEWHERE', 'CP_LOST'];

      await sweeps().sweepLostInstances(T0);
      await updates.drain();

      expect(commands.of(DisconnectChargePointCommand)).toEqual([
        expect.objectContaining({ chargePointId: 'CP_LOST', reason: 'instance_lost' }),
      ]);
    });

    it('declares nobody lost within a TTL of Redis coming back, and refreshes ours at once', async () => {
      connected('CP_HERE');
      online = ['CP_LOST'];
      const subject = sweeps();

      subject.onRecovered(T0);
      expect(presence.refreshed).toEqual([['CP_HERE']]);
      await subject.sweepLostInstances(T0 + presence.ttlMs - 1);
      await updates.drain();
      expect(queries.sent).toEqual([]);
      expect(commands.of(DisconnectChargePointCommand)).toEqual([]);

      await subject.sweepLostInstances(T0 + presence.ttlMs);
      await updates.drain();
      expect(commands.of(DisconnectChargePointCommand).map((c) => c.chargePointId)).toEqual([
        'CP_LOST',
      ]);
    });

    it('declares nobody lost while the event transport is down', async () => {
      online = ['CP_LOST'];
      events.state = 'down';

      await sweeps().sweepLostInstances(T0);

      expect(queries.sent).toEqual([]);
      expect(commands.sent).toEqual([]);
    });

    it('survives a failed lookup (logged, not thrown)', async () => {
      queries = new RecordingBus(() => Promise.reject(new Error('database away')));

      await expect(sweeps().sweepLostInstances(T0)).resolves.toBeUndefined();
      expect(commands.sent).toEqual([]);
    });
  });

  describe('at bootstrap', () => {
    it('alone, sets whatever a previous run left online offline', async () => {
      await sweeps(false).markOrphans();

      expect(commands.of(MarkOrphanedOfflineCommand)).toHaveLength(1);
    });

    it('with shared presence, leaves that to the lost-instance sweep', async () => {
      await sweeps(true).markOrphans();

      expect(commands.sent).toEqual([]);
    });
  });

  it('runs the idle sweep every second once started, and not after stop', () => {
    jest.useFakeTimers({ now: T0 });
    try {
      const charger = connected('CP_BKK_001', T0);
      const subject = sweeps(false);

      subject.start();
      jest.advanceTimersByTime(IDLE_LIMIT_MS);
      expect(charger.closes).toEqual([]);
      jest.advanceTimersByTime(1000);
      expect(charger.closes).toHaveLength(1);

      const next = connected('CP_NEXT', Date.now());
      subject.stop();
      jest.advanceTimersByTime(2 * IDLE_LIMIT_MS);
      expect(next.closes).toEqual([]);
    } finally {
      jest.useRealTimers();
    }
  });
});
