import ocppRpc, { RPCClient } from 'ocpp-rpc';
import type { Rng } from './random.js';
import { sleep } from './sleep.js';
import type { SimulationStats } from './stats.js';

// One charger's OCPP-J link (1.6 or 2.0.1): a real client (ocpp-rpc, strict mode: it validates what we send
// and what the server answers against the official schemas), reconnected with exponential
// backoff when the socket drops, and calls that can wait for the link to come back.

// ocpp-rpc is CommonJS and spreads its error classes into its exports, which Node's ESM loader
// cannot see as named exports: they come from the default export.
const { RPCError, TimeoutError, UnexpectedHttpResponse } = ocppRpc;

/** The run is over: a call or wait gave up because the connection was shut down. */
export class StoppedError extends Error {}
/** A call failed (and was counted): a CALLERROR, a timeout, a bad response, a lost socket. */
export class CallFailedError extends Error {
  constructor(
    readonly action: string,
    readonly reason: unknown,
  ) {
    super(`${action} failed: ${(reason as Error)?.message ?? String(reason)}`);
  }
}
/** A call that is not worth sending late (e.g. Heartbeat) found the charger offline. */
export class OfflineError extends Error {}

export interface ConnectionConfig {
  /** The OCPP endpoint, e.g. ws://127.0.0.1:3000/ocpp; the id is appended. */
  readonly endpoint: string;
  readonly identity: string;
  readonly password?: string;
  readonly callTimeoutMs: number;
  /** the sub-protocol it speaks: ocpp1.6 or ocpp2.0.1 */
  readonly protocol: string;
}

const BACKOFF_INITIAL_MS = 1_000;
const BACKOFF_MAX_MS = 30_000;
const CALL_ATTEMPTS = 5;
/** Refusals that another try will not change: stop trying for this charger. */
const FINAL_HANDSHAKE_STATUSES = [400, 401, 403, 404];

type Client = InstanceType<typeof RPCClient>;

/** Answers one CALL the server sends (its params in, the CALLRESULT payload out). */
export type CallHandler = (params: Record<string, unknown>) => Promise<object> | object;

export class OcppConnection {
  private client?: Client;
  private online = false;
  private reconnecting?: Promise<void>;
  private readonly lifetime = new AbortController();
  private readonly waiters = new Set<(online: boolean) => void>();
  /** Errors ocpp-rpc reported as schema violations: counted once, where they happen. */
  private readonly strictFailures = new WeakSet<object>();
  /** What the charger answers to the server's CALLs: set on every socket it opens. */
  private readonly handlers = new Map<string, CallHandler>();

  constructor(
    private readonly config: ConnectionConfig,
    private readonly stats: SimulationStats,
    private readonly rng: Rng,
  ) {}

  get isOnline(): boolean {
    return this.online;
  }

  /** The first connection: retried with backoff until it works, is refused for good, or `stop`. */
  open(stop: AbortSignal): Promise<boolean> {
    return this.connectWithBackoff(stop);
  }

  /**
   * Sends a CALL and returns the CALLRESULT. `untilDelivered`: wait for the link when offline and
   * send again when the socket dropped mid-call or the call timed out (at most 5 tries), as a
   * charger does with transaction messages; otherwise an offline charger throws OfflineError at
   * once. Failures are counted here and thrown as CallFailedError.
   */
  async call<T>(action: string, payload: object, untilDelivered = false): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      if (!this.online) {
        if (!untilDelivered) throw new OfflineError(`${action}: offline`);
        if (!(await this.waitOnline())) throw new StoppedError(`${action}: stopped`);
      }
      const client = this.client as Client;
      const sentAt = performance.now();
      this.stats.callSent(action);
      try {
        const result = (await client.call(action, payload)) as T;
        this.stats.callAnswered(performance.now() - sentAt);
        return result;
      } catch (err) {
        if (this.lifetime.signal.aborted) throw new StoppedError(`${action}: stopped`);
        // a socket that went away mid-call (a simulated drop, or the server) is no error of the
        // call: it is sent again once the link is back
        const socketLost = client !== this.client;
        const retry =
          untilDelivered && attempt < CALL_ATTEMPTS && (socketLost || err instanceof TimeoutError);
        if (!socketLost && !this.strictFailures.has(err as object))
          this.stats.error(callErrorKind(err, action));
        else if (socketLost && !retry && untilDelivered)
          this.stats.error(`undelivered (${action})`);
        if (!retry) throw new CallFailedError(action, err);
      }
    }
  }

  /** Answers the server's `action` CALLs with `handler` (on this and every later socket). */
  handle(action: string, handler: CallHandler): void {
    this.handlers.set(action, handler);
    this.client?.handle(action, answerWith(handler));
  }

  /** Simulates a network loss: the socket is cut without a close frame, then re-established. */
  drop(): boolean {
    const client = this.client;
    if (!this.online || !client || this.lifetime.signal.aborted) return false;
    this.stats.dropped++;
    this.detach();
    client.close({ force: true }).catch(() => undefined);
    this.reconnect();
    return true;
  }

  /** Closes for good: 1000 and a bounded wait for the close handshake, or cut at once (`force`). */
  async shutdown(force = false): Promise<void> {
    this.lifetime.abort();
    this.wake(false);
    const client = this.client;
    this.detach();
    // ws bounds the close handshake (closeTimeout) and cuts the socket after it
    if (client)
      await client.close(force ? { force: true } : { code: 1000, reason: 'done' }).catch(() => {});
    await this.reconnecting;
  }

  private detach(): void {
    if (this.online) this.stats.connected--;
    this.online = false;
    this.client = undefined;
  }

  private waitOnline(): Promise<boolean> {
    if (this.online) return Promise.resolve(true);
    if (this.lifetime.signal.aborted) return Promise.resolve(false);
    return new Promise((resolve) => this.waiters.add(resolve));
  }

  private wake(online: boolean): void {
    for (const resolve of this.waiters) resolve(online);
    this.waiters.clear();
  }

  private reconnect(): void {
    this.reconnecting ??= this.connectWithBackoff(undefined, true)
      .then((ok) => {
        if (ok) this.stats.reconnected++;
        else this.wake(false);
      })
      .finally(() => (this.reconnecting = undefined));
  }

  private async connectWithBackoff(stop?: AbortSignal, waitFirst = false): Promise<boolean> {
    const signals = stop ? [stop, this.lifetime.signal] : [this.lifetime.signal];
    let delayMs = BACKOFF_INITIAL_MS;
    for (let attempt = 1; ; attempt++) {
      if (waitFirst || attempt > 1) {
        // jitter keeps a fleet that lost the server together from coming back in lockstep
        const jittered = delayMs * (0.75 + this.rng() / 2);
        if (!(await sleep(jittered, ...signals))) return false;
        delayMs = Math.min(BACKOFF_MAX_MS, delayMs * 2);
      }
      if (signals.some((s) => s.aborted)) return false;
      try {
        await this.connectOnce();
        return true;
      } catch (err) {
        if (this.lifetime.signal.aborted) return false;
        const status = err instanceof UnexpectedHttpResponse ? Number(err.code) : undefined;
        if (status !== undefined) this.stats.error(`handshake refused (${status})`);
        else this.stats.error(`connect failed (${connectErrorName(err)})`);
        if (status !== undefined && FINAL_HANDSHAKE_STATUSES.includes(status)) return false;
      }
    }
  }

  private async connectOnce(): Promise<void> {
    const client = new RPCClient({
      endpoint: this.config.endpoint,
      identity: this.config.identity,
      protocols: [this.config.protocol],
      strictMode: true,
      password: this.config.password ?? null,
      reconnect: false, // ours: backoff, no re-boot, and counted
      callTimeoutMs: this.config.callTimeoutMs,
      wsOpts: { handshakeTimeout: 10_000, closeTimeout: 2_000 },
    } as ConstructorParameters<typeof RPCClient>[0]);
    client.on(
      'strictValidationFailure',
      (e: { error: object; outbound: boolean; method: string }) => {
        this.strictFailures.add(e.error);
        this.stats.error(
          e.outbound
            ? `invalid request ${e.method} (a simulator bug)`
            : `invalid response to ${e.method}`,
        );
      },
    );
    for (const [action, handler] of this.handlers) client.handle(action, answerWith(handler));
    this.client = client; // so that shutdown() can abort a handshake in flight
    try {
      await client.connect();
    } catch (err) {
      if (this.client === client) this.client = undefined;
      throw err;
    }
    if (this.client !== client) {
      await client.close({ force: true }); // shut down while the handshake finished
      throw new StoppedError('stopped');
    }
    client.once('close', ({ code }: { code: number }) => this.onClose(client, code));
    this.online = true;
    this.stats.connected++;
    this.wake(true);
  }

  /** The server (or the network) closed the socket: count it and come back. */
  private onClose(client: Client, code: number): void {
    if (client !== this.client) return; // dropped or shut down by us
    this.detach();
    this.stats.error(`closed by server (${code})`);
    this.reconnect();
  }
}

const answerWith =
  (handler: CallHandler) =>
  async ({ params }: { params?: unknown }): Promise<Record<string, unknown>> =>
    (await handler((params ?? {}) as Record<string, unknown>)) as Record<string, unknown>;

function callErrorKind(err: unknown, action: string): string {
  if (err instanceof TimeoutError) return `timeout (${action})`;
  if (err instanceof RPCError) return `CALLERROR ${err.rpcErrorCode} (${action})`;
  return `failed: ${(err as Error)?.message ?? String(err)} (${action})`;
}

function connectErrorName(err: unknown): string {
  const e = err as { code?: string; message?: string };
  return e.code ?? e.message ?? String(err);
}
