import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { Redis } from 'ioredis';
import WebSocket, { WebSocketServer } from 'ws';

// The bench's yardstick: the least a server must do for the same scenarios. It parses OCPP-J
// frames, answers every CALL with a CALLRESULT, and forwards MeterValues to the /ws/users sockets
// subscribed to that charger (through Redis pub/sub when REDIS_URL is set, one channel per
// charger). No framework, no validation, no persistence, no authentication.
// Run as its own process: PORT, HOST, REDIS_URL, REDIS_KEY_PREFIX.

const port = Number(process.env.PORT ?? 0);
const host = process.env.HOST ?? '127.0.0.1';
const redisUrl = process.env.REDIS_URL;
const prefix = process.env.REDIS_KEY_PREFIX ?? 'baseline:';
const instanceId = randomUUID();

const watchers = new Map<string, Set<WebSocket>>();
const seqs = new Map<string, number>();
const channelOf = (id: string) => `${prefix}cp:${id}`;

const publisher = redisUrl ? new Redis(redisUrl) : undefined;
const subscriber = redisUrl ? new Redis(redisUrl) : undefined;
subscriber?.on('message', (channel: string, message: string) => {
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

function onCharger(ws: WebSocket, chargePointId: string): void {
  ws.on('message', (data) => {
    let frame: unknown;
    try {
      frame = JSON.parse(data.toString());
    } catch {
      ws.send(JSON.stringify([4, '-1', 'FormationViolation', 'not JSON', {}]));
      return;
    }
    if (!Array.isArray(frame) || frame[0] !== 2) return; // results of our (no) calls
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
const server = createServer((_req, res) => res.writeHead(404).end());
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
