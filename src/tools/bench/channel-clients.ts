import http from 'node:http';
import { createServer } from 'node:net';
import mqtt from 'mqtt';
import type { RunContext } from './run-context.js';
import type { FrameListener } from './user-client.js';

// The same subscribed session as subscribedSession (user-client.ts), over the SSE stream and over
// MQTT (contract section 8): resolves once `subscribed` came; every later message goes to
// `onFrame` as the JSON /ws/users would have sent.

export function subscribedSseSession(
  ctx: RunContext,
  httpUrl: string,
  token: string,
  chargePointId: string,
  onFrame: FrameListener,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const url = `${httpUrl}/api/v1/stream?chargePointId=${encodeURIComponent(chargePointId)}`;
    const req = http.get(url, { headers: { Authorization: `Bearer ${token}` }, agent: false });
    ctx.defer(() => req.destroy());
    req.once('error', reject);
    req.once('response', (res) => {
      if (res.statusCode !== 200) return reject(new Error(`stream refused: ${res.statusCode}`));
      let subscribed = false;
      let buffer = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        const at = performance.now();
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const data = /^data: (.*)$/m.exec(buffer.slice(0, end))?.[1];
          buffer = buffer.slice(end + 2);
          if (data === undefined) continue; // a heartbeat
          if (subscribed) onFrame(Buffer.from(data), at);
          else if (data.startsWith('{"type":"subscribed"')) {
            subscribed = true;
            resolve();
          } else if (data.startsWith('{"type":"error"')) reject(new Error(`refused: ${data}`));
        }
      });
    });
  });
}

export async function subscribedMqttSession(
  ctx: RunContext,
  mqttUrl: string,
  token: string,
  chargePointId: string,
  onFrame: FrameListener,
): Promise<void> {
  const client = await mqtt.connectAsync(mqttUrl, {
    username: 'bench',
    password: token,
    reconnectPeriod: 0,
    connectTimeout: 20_000,
  });
  ctx.defer(() => client.end(true));
  let subscribed: () => void = () => undefined;
  const first = new Promise<void>((resolve) => (subscribed = resolve));
  let ready = false;
  client.on('message', (_topic, payload) => {
    const at = performance.now();
    if (ready) return onFrame(payload, at);
    ready = true;
    subscribed();
  });
  // QoS 0, like a WebSocket frame: no acknowledgement in the measured path
  await client.subscribeAsync(`voltline/charge-points/${chargePointId}/events`, { qos: 0 });
  await first;
}

/** A port free right now, for a server's MQTT_PORT. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
