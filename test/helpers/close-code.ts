import WebSocket from 'ws';
import type { OcppTestClient } from './charger.js';

/**
 * The close code of a socket (a /ws/users WebSocket or an OCPP client), listened for from now
 * on so that a close before the test awaits it is not missed; the result awaits it with a timeout.
 */
export function closeCodeOf(
  socket: WebSocket | OcppTestClient,
): (timeoutMs?: number) => Promise<number> {
  let code: number | undefined;
  const waiters: Array<(c: number) => void> = [];
  const closed = (c: number) => {
    code = c;
    waiters.splice(0).forEach((w) => w(c));
  };
  if (socket instanceof WebSocket) {
    if (socket.readyState === WebSocket.CLOSED) code = -1;
    else socket.once('close', (c: number) => closed(c));
  } else {
    socket.once('close', (e) => closed(e.code));
  }
  return (timeoutMs = 5000) =>
    new Promise<number>((resolve, reject) => {
      if (code !== undefined) return resolve(code);
      const timer = setTimeout(
        () => reject(new Error(`socket not closed within ${timeoutMs} ms`)),
        timeoutMs,
      );
      waiters.push((c) => {
        clearTimeout(timer);
        resolve(c);
      });
    });
}
