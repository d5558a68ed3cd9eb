import WebSocket from 'ws';
import { handshakeStatus } from './charger.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Msg = Record<string, any>;

export interface UserSocket {
  ws: WebSocket;
  send(msg: unknown): void;
  /** The next message (optionally the next one matching), within a timeout. */
  next(match?: (m: Msg) => boolean, timeoutMs?: number): Promise<Msg>;
  /** Sends and awaits the reply carrying the same id. */
  request(msg: Msg & { id: string }, timeoutMs?: number): Promise<Msg>;
  /** Resolves with every message received so far and within `ms` more. */
  drain(ms: number): Promise<Msg[]>;
  received: Msg[];
  closed(timeoutMs?: number): Promise<number>;
  close(): void;
}

/** A /ws/users client: every message is recorded and awaited with a timeout. */
export async function connectUser(
  wsUrl: string,
  token: string | undefined,
  options: {
    via?: 'header' | 'query';
    headers?: Record<string, string>;
    /** extra ws client options (e.g. `autoPong: false`) */
    ws?: WebSocket.ClientOptions;
  } = {},
): Promise<UserSocket> {
  const via = options.via ?? 'header';
  const url = `${wsUrl}/ws/users${token && via === 'query' ? `?access_token=${encodeURIComponent(token)}` : ''}`;
  const headers = {
    ...(token && via === 'header' ? { Authorization: `Bearer ${token}` } : {}),
    ...options.headers,
  };
  const ws = new WebSocket(url, { ...options.ws, headers });
  const received: Msg[] = [];
  let cursor = 0;
  const listeners = new Set<() => void>();
  ws.on('message', (data) => {
    received.push(JSON.parse(data.toString()));
    for (const l of [...listeners]) l();
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('unexpected-response', (_req, res) =>
      reject(new Error(`handshake refused: ${res.statusCode}`)),
    );
    ws.once('error', reject);
  });
  const next = (match: (m: Msg) => boolean = () => true, timeoutMs = 5000) =>
    new Promise<Msg>((resolve, reject) => {
      const look = () => {
        while (cursor < received.length) {
          const m = received[cursor++];
          if (match(m)) {
            clearTimeout(timer);
            listeners.delete(look);
            resolve(m);
            return;
          }
        }
      };
      const timer = setTimeout(() => {
        listeners.delete(look);
        reject(
          new Error(
            `no matching message within ${timeoutMs} ms; got ${JSON.stringify(received.slice(-5))}`,
          ),
        );
      }, timeoutMs);
      listeners.add(look);
      look();
    });
  return {
    ws,
    received,
    send: (msg) => ws.send(typeof msg === 'string' ? msg : JSON.stringify(msg)),
    next,
    request(msg, timeoutMs) {
      const reply = next((m) => m.id === msg.id, timeoutMs);
      ws.send(JSON.stringify(msg));
      return reply;
    },
    async drain(ms) {
      await new Promise((r) => setTimeout(r, ms));
      return [...received];
    },
    closed: (timeoutMs = 5000) =>
      new Promise<number>((resolve, reject) => {
        if (ws.readyState === WebSocket.CLOSED) return resolve(-1);
        const timer = setTimeout(
          () => reject(new Error('socket not closed within timeout')),
          timeoutMs,
        );
        ws.once('close', (code) => {
          clearTimeout(timer);
          resolve(code);
        });
      }),
    close: () => ws.close(),
  };
}

/** The status a /ws/users handshake is refused with (101 when it is accepted). */
export const userHandshakeStatus = (url: string, headers: Record<string, string> = {}) =>
  handshakeStatus(url, { protocols: [], headers });
