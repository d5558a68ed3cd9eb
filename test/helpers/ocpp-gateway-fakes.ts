import { ConfigService } from '@nestjs/config';
import type { CommandBus, QueryBus } from '@nestjs/cqrs';
import type {
  ClusterMessage,
  EventTransport,
} from '../../src/infrastructure/event-bus/event-transport.js';
import type { ChargerPresence } from '../../src/modules/ocpp/presence/charger-presence.js';
import type {
  OcppCallHandler,
  OcppConnection,
} from '../../src/modules/ocpp/transport/ocpp-transport.js';

// Fakes of the ports the OCPP gateway's parts depend on: each records what it was asked, so that
// a unit spec can assert it, and lets the spec play the other side (a frame, a close, a holder).

export class FakeConnection implements OcppConnection {
  readonly closes: Array<{ code: number; reason: string }> = [];
  served?: { actions: readonly string[]; handler: OcppCallHandler };
  private readonly activityListeners: Array<() => void> = [];
  private readonly closeListeners: Array<(code: number) => void> = [];

  constructor(
    readonly chargePointId = 'CP_BKK_001',
    readonly protocol = 'ocpp1.6',
  ) {}

  serve(actions: readonly string[], handler: OcppCallHandler): void {
    this.served = { actions, handler };
  }
  onActivity(listener: () => void): void {
    this.activityListeners.push(listener);
  }
  onClose(listener: (code: number) => void): void {
    this.closeListeners.push(listener);
  }
  async close(code: number, reason: string): Promise<void> {
    this.closes.push({ code, reason });
  }
  async call(): Promise<unknown> {
    return {};
  }

  /** The charger sent a frame (or a pong). */
  receivedFrame(): void {
    this.activityListeners.forEach((l) => l());
  }
  /** The socket closed, whoever closed it. */
  socketClosed(code = 1000): void {
    this.closeListeners.forEach((l) => l(code));
  }
}

/** Presence: Redis-like when `shared`, holders kept in a map. */
export class FakePresence {
  readonly holders = new Map<string, string>();
  readonly released: string[] = [];
  readonly refreshed: string[][] = [];
  ttlMs = 30_000;
  refreshEveryMs = 10_000;

  constructor(
    public shared = false,
    private readonly instanceId = 'instance-a',
  ) {}

  async claim(chargePointId: string): Promise<string | null> {
    const previous = this.holders.get(chargePointId) ?? null;
    this.holders.set(chargePointId, this.instanceId);
    return previous;
  }
  async release(chargePointId: string): Promise<void> {
    this.released.push(chargePointId);
    if (this.holders.get(chargePointId) === this.instanceId) this.holders.delete(chargePointId);
  }
  async refresh(chargePointIds: string[]): Promise<void> {
    this.refreshed.push(chargePointIds);
  }
  async unheld(chargePointIds: string[]): Promise<string[] | null> {
    return chargePointIds.filter((id) => !this.holders.has(id));
  }

  get port(): ChargerPresence {
    return this as unknown as ChargerPresence;
  }
}

export class FakeEventTransport {
  readonly broadcasts: ClusterMessage[] = [];
  state: 'up' | 'down' = 'up';

  constructor(readonly instanceId = 'instance-a') {}

  broadcast(message: ClusterMessage): void {
    this.broadcasts.push(message);
  }
  status(): 'up' | 'down' {
    return this.state;
  }

  get port(): EventTransport {
    return this as unknown as EventTransport;
  }
}

type Ctor<T> = abstract new (...args: never[]) => T;

/** A command or query bus that records what it was sent and answers with `answer`. */
export class RecordingBus {
  readonly sent: object[] = [];

  constructor(private readonly answer: (message: object) => unknown = () => undefined) {}

  async execute(message: object): Promise<unknown> {
    this.sent.push(message);
    return this.answer(message);
  }

  of<T>(type: Ctor<T>): T[] {
    return this.sent.filter((m): m is T & object => m instanceof type);
  }

  get commandBus(): CommandBus {
    return this as unknown as CommandBus;
  }
  get queryBus(): QueryBus {
    return this as unknown as QueryBus;
  }
}

export interface GatewayConfig {
  heartbeatIntervalS: number;
  heartbeatGraceS: number;
  allowUnknownChargers: boolean;
  maxPendingCalls: number;
  ratePer10s: number;
  maxSamplesPerMessage: number;
  maxConnectors: number;
  handshakeFailuresPerMin: number;
}

export function aGatewayConfig(overrides: Partial<GatewayConfig> = {}): ConfigService {
  const c: GatewayConfig = {
    heartbeatIntervalS: 60,
    heartbeatGraceS: 30,
    allowUnknownChargers: false,
    maxPendingCalls: 1,
    ratePer10s: 100,
    maxSamplesPerMessage: 100,
    maxConnectors: 10,
    handshakeFailuresPerMin: 5,
    ...overrides,
  };
  return new ConfigService({
    ocpp: {
      heartbeatIntervalS: c.heartbeatIntervalS,
      heartbeatGraceS: c.heartbeatGraceS,
      allowUnknownChargers: c.allowUnknownChargers,
    },
    security: {
      maxPendingCalls: c.maxPendingCalls,
      ratePer10s: c.ratePer10s,
      maxSamplesPerMessage: c.maxSamplesPerMessage,
      maxConnectors: c.maxConnectors,
      handshakeFailuresPerMin: c.handshakeFailuresPerMin,
    },
  });
}

export function deferred<T = void>() {
  let resolve!: (v: T) => void;
  let reject!: (e: Error) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}
