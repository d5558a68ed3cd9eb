import { RPCClient } from 'ocpp-rpc';
import WebSocket from 'ws';

export interface ChargerOptions {
  password?: string;
  protocols?: string[];
}

/**
 * The password the test helpers register a charger with (registerChargePoint) and connect with
 * by default: every registered charger has one. A charger stored without one ignores it.
 */
export const testChargerPassword = (id: string) => `${id}-charger-password-for-tests`.slice(-40);

/**
 * A real OCPP-J client (ocpp-rpc, strict: it validates our responses against the schemas),
 * OCPP 1.6 unless `protocols` says otherwise (`connectCharger201` for a 2.0.1 station).
 */
export async function connectCharger(wsUrl: string, id: string, options: ChargerOptions = {}) {
  const client = new RPCClient({
    endpoint: `${wsUrl}/ocpp`,
    identity: id,
    protocols: options.protocols ?? ['ocpp1.6'],
    password: options.password ?? testChargerPassword(id),
    strictMode: true,
    reconnect: false,
    callTimeoutMs: 5000,
  } as ConstructorParameters<typeof RPCClient>[0]);
  await client.connect();
  return client as unknown as OcppTestClient;
}

/** A real OCPP 2.0.1 charging station (strict, as connectCharger). */
export const connectCharger201 = (wsUrl: string, id: string, options: ChargerOptions = {}) =>
  connectCharger(wsUrl, id, { protocols: ['ocpp2.0.1'], ...options });

/** Responses are validated by the library (strict mode); tests read them as plain objects. */
export interface OcppTestClient {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  call(method: string, params?: unknown): Promise<any>;
  close(options?: { code?: number; reason?: string; force?: boolean }): Promise<{ code: number }>;
  once(event: 'close', listener: (e: { code: number; reason: string }) => void): void;
}

/** Tries a handshake and resolves with the HTTP status it was refused with (or 101). */
export function handshakeStatus(
  url: string,
  options: { protocols?: string[]; headers?: Record<string, string> } = {},
): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, options.protocols ?? ['ocpp1.6'], { headers: options.headers });
    const timer = setTimeout(() => reject(new Error('handshake timed out')), 5000);
    ws.on('unexpected-response', (_req, res) => {
      clearTimeout(timer);
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.on('open', () => {
      clearTimeout(timer);
      resolve(101);
      ws.close();
    });
    ws.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
}

/** A raw socket for frames no library would send; every reply awaited with a timeout. */
export async function rawCharger(
  wsUrl: string,
  id: string,
  wsOptions: WebSocket.ClientOptions = {},
  protocols: string[] = ['ocpp1.6'],
) {
  const ws = new WebSocket(`${wsUrl}/ocpp/${id}`, protocols, wsOptions);
  const inbox: unknown[] = [];
  const waiters: Array<(m: unknown) => void> = [];
  ws.on('message', (data) => {
    const msg = JSON.parse(data.toString());
    const w = waiters.shift();
    if (w) w(msg);
    else inbox.push(msg);
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const next = (timeoutMs = 5000) =>
    new Promise<unknown>((resolve, reject) => {
      if (inbox.length) return resolve(inbox.shift());
      const waiter = (m: unknown) => {
        clearTimeout(timer);
        resolve(m);
      };
      const timer = setTimeout(() => {
        waiters.splice(waiters.indexOf(waiter), 1); // a later frame must not go to a dead waiter
        reject(new Error('no frame within timeout'));
      }, timeoutMs);
      waiters.push(waiter);
    });
  return {
    ws,
    send: (frame: string) => ws.send(frame),
    next,
    /** Sends a frame and awaits the reply. */
    request: (frame: string) => {
      const reply = next();
      ws.send(frame);
      return reply;
    },
    closed: () =>
      new Promise<number>((resolve) => {
        if (ws.readyState === WebSocket.CLOSED) return resolve(-1);
        ws.once('close', (code) => resolve(code));
      }),
    close: () => ws.close(),
  };
}
