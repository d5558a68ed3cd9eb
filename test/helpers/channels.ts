import http from 'node:http';
import type { Socket } from 'node:net';
import mqtt from 'mqtt';
import WebSocket from 'ws';
import { MqttEndpoint } from '../../src/modules/realtime/mqtt/mqtt-endpoint.js';
import type { TestApp } from './app.js';
import { closeCode } from './realtime.js';
import { connectUser, type Msg } from './user-socket.js';

// One client shape for the three user channels (contract sections 3 and 8), so that one
// behaviour suite runs against /ws/users, GET /api/v1/stream and MQTT alike. Every message is
// recorded as the JSON object /ws/users would send; every wait has a timeout.

export type ChannelKind = 'ws' | 'sse' | 'mqtt';
export const CHANNELS: ChannelKind[] = ['ws', 'sse', 'mqtt'];

export const topicOf = (chargePointId: string) => `voltline/charge-points/${chargePointId}/events`;

export interface ChannelClient {
  kind: ChannelKind;
  received: Msg[];
  /** The next message (optionally matching) after those already taken, within a timeout. */
  next(match?: (m: Msg) => boolean, timeoutMs?: number): Promise<Msg>;
  /** Resolves when the server ends the session: the /ws/users close code, the SSE `close` message's code, or 0 (MQTT). */
  ended(timeoutMs?: number): Promise<number>;
  /** What to reconnect with (ws: sinceSeq per charger, SSE: the last `id:`). */
  position(): ResumeFrom;
  /** Stops / starts reading the connection (a slow consumer). */
  pause(): void;
  resume(): void;
  close(): void;
}

export type ResumeFrom = { ws: Map<string, number> } | { sse: string } | undefined;

export interface OpenOptions {
  resume?: ResumeFrom;
  /** MQTT only: subscribe to this filter instead of one topic per charger */
  mqttFilters?: string[];
}

/** Opens a session on `kind` that follows `follow`; the `subscribed` replies arrive as messages. */
export async function openChannel(
  kind: ChannelKind,
  t: TestApp,
  token: string,
  follow: string[],
  options: OpenOptions = {},
): Promise<ChannelClient> {
  const inbox = new Inbox();
  if (kind === 'ws') return openWs(t, token, follow, options, inbox);
  if (kind === 'sse') return openSse(t.httpUrl, token, follow, options, inbox);
  return openMqtt(t, token, follow, options, inbox);
}

class Inbox {
  readonly received: Msg[] = [];
  private cursor = 0;
  private readonly listeners = new Set<() => void>();
  private endCode?: number;
  private readonly endWaiters: Array<(code: number) => void> = [];

  push(m: Msg) {
    this.received.push(m);
    for (const l of [...this.listeners]) l();
  }

  end(code: number) {
    if (this.endCode !== undefined) return;
    this.endCode = code;
    this.endWaiters.splice(0).forEach((w) => w(code));
  }

  next = (match: (m: Msg) => boolean = () => true, timeoutMs = 5000) =>
    new Promise<Msg>((resolve, reject) => {
      const look = () => {
        while (this.cursor < this.received.length) {
          const m = this.received[this.cursor++];
          if (match(m)) {
            clearTimeout(timer);
            this.listeners.delete(look);
            return resolve(m);
          }
        }
      };
      const timer = setTimeout(() => {
        this.listeners.delete(look);
        const last = JSON.stringify(this.received.slice(-3)).slice(0, 600);
        reject(new Error(`no matching message within ${timeoutMs} ms; last: ${last}`));
      }, timeoutMs);
      this.listeners.add(look);
      look();
    });

  ended = (timeoutMs = 5000) =>
    new Promise<number>((resolve, reject) => {
      if (this.endCode !== undefined) return resolve(this.endCode);
      const timer = setTimeout(
        () => reject(new Error(`session not ended within ${timeoutMs} ms`)),
        timeoutMs,
      );
      this.endWaiters.push((code) => {
        clearTimeout(timer);
        resolve(code);
      });
    });
}

async function openWs(
  t: TestApp,
  token: string,
  follow: string[],
  options: OpenOptions,
  inbox: Inbox,
): Promise<ChannelClient> {
  const u = await connectUser(t.wsUrl, token);
  const closed = closeCode(u);
  void closed(24 * 3600_000).then((code) => inbox.end(code));
  u.ws.on('message', (data) => inbox.push(JSON.parse(data.toString())));
  const since = options.resume && 'ws' in options.resume ? options.resume.ws : new Map();
  for (const chargePointId of follow) {
    const sinceSeq = since.get(chargePointId);
    u.send({ action: 'subscribe', chargePointId, ...(sinceSeq === undefined ? {} : { sinceSeq }) });
  }
  const socket = () => (u.ws as unknown as { _socket: Socket })._socket;
  return {
    kind: 'ws',
    received: inbox.received,
    next: inbox.next,
    ended: inbox.ended,
    position: () => ({ ws: positionOf(inbox.received) }),
    pause: () => socket().pause(),
    resume: () => socket().resume(),
    close: () => u.ws.readyState === WebSocket.OPEN && u.close(),
  };
}

/** Each charger's last seq as a client reads it from the messages it got. */
function positionOf(received: Msg[]): Map<string, number> {
  const position = new Map<string, number>();
  for (const m of received) {
    if (m.type === 'unsubscribed') position.delete(m.chargePointId);
    else if (typeof m.seq === 'number' && m.chargePointId) position.set(m.chargePointId, m.seq);
  }
  return position;
}

/** The HTTP status an SSE request is answered with, when it is not a stream. */
export class StreamRefused extends Error {
  constructor(
    readonly status: number,
    readonly body: string,
  ) {
    super(`stream refused: ${status} ${body}`);
  }
}

export async function openSse(
  baseUrl: string,
  token: string | undefined,
  follow: string[],
  options: OpenOptions & { via?: 'header' | 'query' } = {},
  inbox = new Inbox(),
): Promise<ChannelClient & { lastEventId: () => string | undefined }> {
  const url = new URL('/api/v1/stream', baseUrl);
  for (const id of follow) url.searchParams.append('chargePointId', id);
  const headers: Record<string, string> = {};
  if (token && options.via === 'query') url.searchParams.set('access_token', token);
  else if (token) headers.Authorization = `Bearer ${token}`;
  if (options.resume && 'sse' in options.resume) headers['Last-Event-ID'] = options.resume.sse;
  let lastEventId: string | undefined;
  const res = await new Promise<http.IncomingMessage>((resolve, reject) => {
    const req = http.get(url, { headers }, resolve);
    req.once('error', reject);
    req.setTimeout(5000, () => req.destroy(new Error('no answer within 5 s')));
  });
  if (res.statusCode !== 200) {
    let body = '';
    for await (const chunk of res) body += chunk;
    throw new StreamRefused(res.statusCode ?? 0, body);
  }
  res.setEncoding('utf8');
  let buffer = '';
  res.on('data', (chunk: string) => {
    buffer += chunk;
    let at: number;
    while ((at = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, at);
      buffer = buffer.slice(at + 2);
      const fields = new Map<string, string>();
      for (const line of block.split('\n')) {
        if (line.startsWith(':')) continue; // a comment: the heartbeat
        const colon = line.indexOf(':');
        fields.set(line.slice(0, colon), line.slice(colon + 1).replace(/^ /, ''));
      }
      if (!fields.has('data')) continue;
      if (fields.has('id')) lastEventId = fields.get('id');
      const msg = JSON.parse(fields.get('data') as string) as Msg;
      // the `event:` field is the message's type (contract section 8)
      if (fields.get('event') !== msg.type) msg.eventFieldMismatch = fields.get('event');
      if (msg.type === 'close') inbox.end(msg.code as number);
      else inbox.push(msg);
    }
  });
  res.once('close', () => inbox.end(0));
  return {
    kind: 'sse',
    received: inbox.received,
    next: inbox.next,
    ended: inbox.ended,
    position: () => ({ sse: lastEventId ?? '' }),
    lastEventId: () => lastEventId,
    pause: () => res.socket.pause(),
    resume: () => res.socket.resume(),
    close: () => res.destroy(),
  };
}

async function openMqtt(
  t: TestApp,
  token: string,
  follow: string[],
  options: OpenOptions,
  inbox: Inbox,
): Promise<ChannelClient> {
  const client = await mqttClient(t, token);
  client.on('message', (_topic, payload) => inbox.push(JSON.parse(payload.toString())));
  client.on('close', () => inbox.end(0));
  const filters = options.mqttFilters ?? follow.map(topicOf);
  // a refused subscription (SUBACK 0x80) shows as /ws/users shows it: not_found
  await client.subscribeAsync(filters, { qos: 1 }).then(
    (granted) => {
      for (const g of granted.filter((g) => g.qos === 128))
        inbox.push({ type: 'error', code: 'not_found', topic: g.topic });
    },
    (err: Error & { packet?: { granted?: number[] } }) => {
      if (!err.packet?.granted) throw err;
      inbox.push({ type: 'error', code: 'not_found', granted: err.packet.granted });
    },
  );
  const socket = () => client.stream as Socket;
  return {
    kind: 'mqtt',
    received: inbox.received,
    next: inbox.next,
    ended: inbox.ended,
    position: () => undefined,
    pause: () => socket().pause(),
    resume: () => socket().resume(),
    close: () => void client.endAsync(true),
  };
}

/** The port of the app's MQTT endpoint (the suites start it on port 0). */
export function mqttUrl(t: TestApp): string {
  const port = t.app.get(MqttEndpoint).port;
  if (!port) throw new Error('this app runs no MQTT endpoint');
  return `mqtt://127.0.0.1:${port}`;
}

export function mqttClient(t: TestApp, password: string, username = 'app') {
  return mqtt.connectAsync(mqttUrl(t), {
    username,
    password,
    reconnectPeriod: 0,
    connectTimeout: 5000,
    protocolVersion: 4,
  });
}
