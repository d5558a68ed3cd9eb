import WebSocket from 'ws';
import type { RunContext } from './run-context.js';

// /ws/users sessions for the load generator: opened with a bearer token, subscribed to one
// charger, then every further frame goes to `onFrame` raw (parsing is left to the scenario,
// which parses only what it needs).

export type FrameListener = (data: Buffer, at: number) => void;

export async function login(httpUrl: string, username: string, password: string): Promise<string> {
  const res = await fetch(`${httpUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
    signal: AbortSignal.timeout(10_000),
  });
  if (res.status !== 200) throw new Error(`login of ${username} failed: ${res.status}`);
  return ((await res.json()) as { accessToken: string }).accessToken;
}

/**
 * Opens a session and subscribes it to `chargePointId`; resolves once `subscribed` came (or
 * rejects on an `error` reply or a refused handshake). The socket closes when the run ends.
 */
export function subscribedSession(
  ctx: RunContext,
  wsUrl: string,
  token: string,
  chargePointId: string,
  onFrame: FrameListener,
): Promise<WebSocket> {
  const ws = new WebSocket(`${wsUrl}/ws/users`, {
    headers: { Authorization: `Bearer ${token}` },
    perMessageDeflate: false,
    handshakeTimeout: 20_000,
  });
  ctx.defer(() => ws.terminate());
  return new Promise((resolve, reject) => {
    let subscribed = false;
    ws.once('unexpected-response', (_req, res) =>
      reject(new Error(`/ws/users handshake refused: ${res.statusCode}`)),
    );
    ws.once('error', reject);
    ws.once('close', (code) => {
      if (!subscribed) reject(new Error(`session closed (${code}) before it subscribed`));
    });
    ws.once('open', () => ws.send(JSON.stringify({ action: 'subscribe', chargePointId, id: 's' })));
    ws.on('message', (data: Buffer) => {
      const at = performance.now();
      if (subscribed) return onFrame(data, at);
      const msg = JSON.parse(data.toString()) as { type: string; id?: string; message?: string };
      if (msg.type === 'subscribed' && msg.id === 's') {
        subscribed = true;
        resolve(ws);
      } else if (msg.type === 'error') reject(new Error(`subscribe refused: ${msg.message}`));
    });
  });
}
