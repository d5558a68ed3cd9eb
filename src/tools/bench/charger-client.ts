import WebSocket from 'ws';
import type { RunContext } from './run-context.js';

// A charger as cheap as it gets on the client side: a raw `ws` socket with the ocpp1.6
// sub-protocol, frames written by hand, one CALL in flight (as OCPP-J asks of a charger). The
// server's own CALLs (remote commands) are answered at once with `{"status":"Accepted"}`, the
// answer of every command the bench sends.

export class ChargerClient {
  private nextId = 0;
  private readonly pending = new Map<string, (result: CallResult) => void>();
  /** the transaction started by startCharging() */
  transactionId?: number;

  private constructor(
    readonly id: string,
    private readonly ws: WebSocket,
  ) {
    ws.on('message', (data) => this.onFrame(data as Buffer));
    ws.on('close', () => this.failAll());
    ws.on('error', () => this.failAll());
  }

  /** Opens the socket; rejects on a refused handshake, an error or after `timeoutMs`. */
  static connect(
    wsUrl: string,
    id: string,
    timeoutMs = 20_000,
    localAddress?: string,
  ): Promise<ChargerClient> {
    const ws = new WebSocket(`${wsUrl}/ocpp/${id}`, ['ocpp1.6'], {
      perMessageDeflate: false,
      handshakeTimeout: timeoutMs,
      // a source address of its own (127.0.0.x): ephemeral ports are per source address
      ...(localAddress ? { localAddress } : {}),
    });
    return new Promise((resolve, reject) => {
      ws.once('open', () => {
        ws.removeAllListeners('error');
        resolve(new ChargerClient(id, ws));
      });
      ws.once('unexpected-response', (_req, res) => {
        ws.terminate();
        reject(new Error(`handshake of ${id} refused: ${res.statusCode}`));
      });
      ws.once('error', (err) => reject(err));
    });
  }

  get open(): boolean {
    return this.ws.readyState === WebSocket.OPEN;
  }

  /**
   * Sends a CALL; resolves with the CALLRESULT's payload, or undefined on a CALLERROR or when
   * the socket closes first. No timer of its own: the run's cap ends every wait (by closing).
   */
  call(action: string, payload: unknown): Promise<CallResult> {
    const id = String(++this.nextId);
    return new Promise((resolve) => {
      if (!this.open) return resolve(undefined);
      this.pending.set(id, resolve);
      this.ws.send(`[2,"${id}","${action}",${JSON.stringify(payload)}]`);
    });
  }

  close(): void {
    this.ws.terminate();
  }

  private onFrame(data: Buffer): void {
    let frame: unknown;
    try {
      frame = JSON.parse(data.toString());
    } catch {
      return;
    }
    if (!Array.isArray(frame)) return;
    if (frame[0] === 2) {
      this.ws.send(`[3,${JSON.stringify(frame[1])},{"status":"Accepted"}]`);
      return;
    }
    const done = this.pending.get(String(frame[1]));
    if (!done || (frame[0] !== 3 && frame[0] !== 4)) return;
    this.pending.delete(String(frame[1]));
    done(frame[0] === 3 ? ((frame[2] ?? {}) as Record<string, unknown>) : undefined);
  }

  private failAll(): void {
    for (const done of this.pending.values()) done(undefined);
    this.pending.clear();
  }
}

export type CallResult = Record<string, unknown> | undefined;

export const bootNotification = (i: number) => ({
  chargePointVendor: 'Voltline-Bench',
  chargePointModel: 'Raw-1',
  chargePointSerialNumber: `SN-${i}`,
  firmwareVersion: '1.0.0',
});

/**
 * Connects and boots chargers `from`..`to-1` (ids `${prefix}-${i}`), `concurrency` at a time,
 * retrying a failed connection up to 3 times; the sockets are closed when the run ends.
 * `localAddress(i)`: the source address of charger i (default: the kernel's choice).
 */
export async function connectChargers(
  ctx: RunContext,
  wsUrl: string,
  prefix: string,
  from: number,
  to: number,
  concurrency: number,
  into: ChargerClient[] = [],
  afterBoot?: (c: ChargerClient) => Promise<void>,
  localAddress?: (i: number) => string | undefined,
): Promise<{ chargers: ChargerClient[]; retries: number }> {
  let next = from;
  let retries = 0;
  const worker = async () => {
    while (next < to) {
      const i = next++;
      for (let attempt = 1; ; attempt++) {
        ctx.check();
        try {
          const c = await ChargerClient.connect(wsUrl, `${prefix}-${i}`, 20_000, localAddress?.(i));
          ctx.defer(() => c.close());
          if (!(await c.call('BootNotification', bootNotification(i))))
            throw new Error(`BootNotification of ${c.id} not accepted`);
          if (afterBoot) await afterBoot(c);
          into[i] = c;
          break;
        } catch (err) {
          if (attempt >= 4 || ctx.signal.aborted) throw err;
          retries++;
          await ctx.sleep(200 * attempt);
        }
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, to - from) }, worker));
  return { chargers: into, retries };
}

/** After boot: connector 1 reported, a transaction started on it (a charger that is charging). */
export async function startCharging(c: ChargerClient): Promise<void> {
  const now = new Date().toISOString();
  const status = await c.call('StatusNotification', {
    connectorId: 1,
    status: 'Charging',
    errorCode: 'NoError',
    timestamp: now,
  });
  const started = await c.call('StartTransaction', {
    connectorId: 1,
    idTag: 'BENCH',
    meterStart: 0,
    timestamp: now,
  });
  if (!status || !started) throw new Error(`${c.id}: StatusNotification/StartTransaction refused`);
  // the baseline answers {} (no transactions): MeterValues then name none
  if (typeof started.transactionId === 'number') c.transactionId = started.transactionId;
}
