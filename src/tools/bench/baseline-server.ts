import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { Redis } from 'ioredis';
import WebSocket, { WebSocketServer } from 'ws';

// The bench's yardstick: the least a server must do for the same scenarios. It parses OCPP-J
// frames, answers every CALL with a CALLRESULT, and forwards MeterValues to the /ws/users sockets
// subscribed to that charger (through Redis pub/sub when REDIS_URL is set, one channel per
// charger). Remote commands: `POST /api/v1/charge-points/{id}/commands/{command}` sends the CALL
// to the charger and answers with its CALLRESULT; with REDIS_URL, through the instance that holds
// the charger (a Redis hash of holders, a channel per instance for requests and replies).
// No framework, no validation, no persistence, no authentication.
// Run as its own process: PORT, HOST, REDIS_URL, REDIS_KEY_PREFIX.

const port = Number(process.env.PORT ?? 0);
const host = process.env.HOST ?? '127.0.0.1';
const redisUrl = process.env.REDIS_URL;
const prefix = process.env.REDIS_KEY_PREFIX ?? 'baseline:';
const instanceId = randomUUID();

const watchers = new Map<string, Set<WebSocket>>();
const seqs = new Map<string, number>();
const channelOf = (id: string) => `${prefix}cp:${id}`;
const instanceChannel = (id: string) => `${prefix}inst:${id}`;
const HOLDERS = `${prefix}holders`;
const COMMAND_TIMEOUT_MS = 30_000;

/** The chargers connected here, and the server's CALLs awaiting their answer. */
const sockets = new Map<string, WebSocket>();
const awaiting = new Map<string, (result: unknown) => void>();
/** Requests sent to another instance, awaiting its reply. */
const remote = new Map<string, (result: unknown) => void>();

const publisher = redisUrl ? new Redis(redisUrl) : undefined;
const subscriber = redisUrl ? new Redis(redisUrl) : undefined;
void subscriber?.subscribe(instanceChannel(instanceId));
subscriber?.on('message', (channel: string, message: string) => {
  if (channel === instanceChannel(instanceId)) return void onInstanceMessage(message);
  const sep = message.indexOf('|');
  if (message.slice(0, sep) === instanceId) return; // delivered locally already
  deliver(channel.slice(prefix.length + 3), message.slice(sep + 1));
});

function deliver(chargePointId: string, frame: string): void {
  for (const ws of watchers.get(chargePointId) ?? []) ws.send(frame);
}

type Sampled = { value: string; measurand?: string; unit?: string };
type MeterValuesRequest = {
  connectorId: number;
  transactionId?: number;
  meterValue: Array<{ timestamp: string; sampledValue: Sampled[] }>;
};

function meterEvent(chargePointId: string, req: MeterValuesRequest): string {
  const reading = req.meterValue[req.meterValue.length - 1];
  const find = (m: string) => reading?.sampledValue.find((s) => (s.measurand ?? '') === m);
  const scaled = (s: Sampled | undefined) =>
    s ? Number(s.value) * (s.unit?.startsWith('k') ? 1000 : 1) : null;
  const seq = (seqs.get(chargePointId) ?? 0) + 1;
  seqs.set(chargePointId, seq);
  return JSON.stringify({
    type: 'event',
    chargePointId,
    event: 'MeterValues',
    seq,
    at: new Date().toISOString(),
    data: {
      connectorId: req.connectorId,
      transactionId: req.transactionId ?? null,
      powerW: scaled(find('Power.Active.Import')),
      energyWh: scaled(find('Energy.Active.Import.Register')),
      sampledAt: reading?.timestamp,
    },
  });
}

function answer(action: string): Record<string, unknown> {
  if (action === 'BootNotification')
    return { status: 'Accepted', currentTime: new Date().toISOString(), interval: 86400 };
  if (action === 'Heartbeat') return { currentTime: new Date().toISOString() };
  return {};
}

/** A CALL to a charger connected here; its CALLRESULT payload, or undefined. */
function callLocal(chargePointId: string, action: string, payload: unknown): Promise<unknown> {
  const ws = sockets.get(chargePointId);
  if (!ws) return Promise.resolve(undefined);
  const id = randomUUID();
  return new Promise((resolve) => {
    const timer = setTimeout(() => done(undefined), COMMAND_TIMEOUT_MS);
    const done = (result: unknown) => {
      clearTimeout(timer);
      awaiting.delete(id);
      resolve(result);
    };
    awaiting.set(id, done);
    ws.send(JSON.stringify([2, id, action, payload]));
  });
}

/** The same, on whichever instance holds the charger. */
async function call(chargePointId: string, action: string, payload: unknown): Promise<unknown> {
  if (sockets.has(chargePointId) || !publisher) return callLocal(chargePointId, action, payload);
  const holder = await publisher.hget(HOLDERS, chargePointId);
  if (!holder) return undefined;
  const reqId = randomUUID();
  return new Promise((resolve) => {
    const timer = setTimeout(() => done(undefined), COMMAND_TIMEOUT_MS);
    const done = (result: unknown) => {
      clearTimeout(timer);
      remote.delete(reqId);
      resolve(result);
    };
    remote.set(reqId, done);
    const request = { reqId, replyTo: instanceId, chargePointId, action, payload };
    void publisher.publish(instanceChannel(holder), JSON.stringify(request));
  });
}

async function onInstanceMessage(message: string): Promise<void> {
  const m = JSON.parse(message) as {
    reqId: string;
    replyTo?: string;
    chargePointId?: string;
    action?: string;
    payload?: unknown;
    result?: unknown;
  };
  if (!m.replyTo) return remote.get(m.reqId)?.(m.result); // a reply
  const result = await callLocal(m.chargePointId ?? '', m.action ?? '', m.payload);
  await publisher?.publish(instanceChannel(m.replyTo), JSON.stringify({ reqId: m.reqId, result }));
}

const ACTIONS: Record<string, string> = { 'clear-cache': 'ClearCache', reset: 'Reset' };

function onHttp(req: IncomingMessage, res: ServerResponse): void {
  const match = /^\/api\/v1\/charge-points\/([^/]+)\/commands\/([a-z-]+)$/.exec(req.url ?? '');
  if (req.method !== 'POST' || !match || !ACTIONS[match[2]]) return void res.writeHead(404).end();
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const payload = chunks.length ? (JSON.parse(Buffer.concat(chunks).toString()) as unknown) : {};
    void call(decodeURIComponent(match[1]), ACTIONS[match[2]], payload).then((result) => {
      if (result === undefined) return void res.writeHead(409).end();
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ status: (result as { status?: string }).status, response: result }));
    });
  });
}

function onCharger(ws: WebSocket, chargePointId: string): void {
  sockets.set(chargePointId, ws);
  void publisher?.hset(HOLDERS, chargePointId, instanceId);
  ws.on('close', () => {
    if (sockets.get(chargePointId) === ws) sockets.delete(chargePointId);
  });
  ws.on('message', (data) => {
    let frame: unknown;
    try {
      frame = JSON.parse(data.toString());
    } catch {
      ws.send(JSON.stringify([4, '-1', 'FormationViolation', 'not JSON', {}]));
      return;
    }
    if (!Array.isArray(frame)) return;
    if (frame[0] === 3 || frame[0] === 4) {
      awaiting.get(String(frame[1]))?.(frame[0] === 3 ? frame[2] : undefined);
      return;
    }
    if (frame[0] !== 2) return;
    const [, id, action, payload] = frame as [number, string, string, unknown];
    ws.send(JSON.stringify([3, id, answer(action)]));
    if (action !== 'MeterValues') return;
    const event = meterEvent(chargePointId, payload as MeterValuesRequest);
    deliver(chargePointId, event);
    void publisher?.publish(channelOf(chargePointId), `${instanceId}|${event}`);
  });
}

function onUser(ws: WebSocket): void {
  const mine = new Set<string>();
  ws.on('message', (data) => {
    let msg: { action?: string; chargePointId?: string; id?: string };
    try {
      msg = JSON.parse(data.toString());
    } catch {
      return;
    }
    const echo = msg.id ? { id: msg.id } : {};
    const cp = msg.chargePointId ?? '';
    if (msg.action === 'subscribe') {
      let set = watchers.get(cp);
      if (!set) {
        watchers.set(cp, (set = new Set()));
        void subscriber?.subscribe(channelOf(cp));
      }
      set.add(ws);
      mine.add(cp);
      const seq = seqs.get(cp) ?? 0;
      ws.send(
        JSON.stringify({
          type: 'subscribed',
          chargePointId: cp,
          snapshot: { id: cp, seq },
          seq,
          ...echo,
        }),
      );
    } else if (msg.action === 'ping') ws.send(JSON.stringify({ type: 'pong', ...echo }));
  });
  ws.on('close', () => {
    for (const cp of mine) watchers.get(cp)?.delete(ws);
  });
}

const chargers = new WebSocketServer({
  noServer: true,
  handleProtocols: (offered) => (offered.has('ocpp1.6') ? 'ocpp1.6' : false),
});
const users = new WebSocketServer({ noServer: true });
const server = createServer(onHttp);
server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
  const path = (req.url ?? '').split('?')[0];
  if (path.startsWith('/ocpp/')) {
    const id = decodeURIComponent(path.slice('/ocpp/'.length));
    chargers.handleUpgrade(req, socket, head, (ws) => onCharger(ws, id));
  } else if (path === '/ws/users') {
    users.handleUpgrade(req, socket, head, (ws) => onUser(ws));
  } else socket.destroy();
});
server.listen(port, host, () => {
  const address = server.address() as { port: number };
  console.log(`Baseline listening on http://${host}:${address.port}`);
});
