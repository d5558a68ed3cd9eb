import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startApp, type TestApp } from './helpers/app.js';
import { openSse, StreamRefused } from './helpers/channels.js';
import { publishEvent, registerChargePoint, until } from './helpers/realtime.js';
import { ADMIN, createUser, login, restEnv, type TestUser } from './helpers/rest.js';

// What only the SSE stream has (contract section 8): its request is validated and authorised
// before any stream starts, the token may come as access_token, a heartbeat keeps a quiet stream
// open, each message's `id:` is the stream position, and it works through an HTTP proxy.
describe('GET /api/v1/stream', () => {
  let t: TestApp;
  let user: TestUser;
  const CP = 'CP_SSE_ONLY';

  beforeAll(async () => {
    t = await startApp('sqlite', {
      ...restEnv,
      REALTIME_METER_INTERVAL_MS: '0',
      REALTIME_SSE_HEARTBEAT_S: '1',
      REALTIME_MAX_SESSIONS_PER_USER: '2',
    });
    const adminToken = await login(t, ADMIN.username, ADMIN.password);
    user = await createUser(t, adminToken, 'sse-user');
    await registerChargePoint(t, adminToken, CP, user.id);
  });
  afterAll(() => t.close());

  const refusal = (p: Promise<unknown>) =>
    p.then(
      () => {
        throw new Error('the stream was opened');
      },
      (err: unknown) => {
        if (!(err instanceof StreamRefused)) throw err;
        return { status: err.status, body: JSON.parse(err.body) };
      },
    );

  it('refuses a missing or bad token (401) and a bad chargePointId (400) before streaming', async () => {
    expect(await refusal(openSse(t.httpUrl, undefined, [CP]))).toMatchObject({ status: 401 });
    expect(await refusal(openSse(t.httpUrl, 'not-a-jwt', [CP]))).toMatchObject({ status: 401 });
    const bad = await refusal(openSse(t.httpUrl, user.token, [CP, 'bad id!']));
    expect(bad).toMatchObject({ status: 400, body: { error: 'Bad Request' } });
    expect(JSON.stringify(bad.body.message)).toContain('chargePointId');
  });

  it('takes the token as access_token, numbers messages by position, and limits sessions per user', async () => {
    const a = await openSse(t.httpUrl, user.token, [CP], { via: 'query' });
    expect(await a.next()).toMatchObject({ type: 'subscribed', chargePointId: CP, seq: 0 });
    expect(a.lastEventId()).toBe(`${CP}:0`);
    publishEvent(t, CP, 'ConnectorStatusChanged', 1, {
      connectorId: 1,
      status: 'Available',
      errorCode: 'NoError',
    });
    expect(await a.next()).toMatchObject({ type: 'event', seq: 1 });
    expect(a.lastEventId()).toBe(`${CP}:1`);
    const b = await openSse(t.httpUrl, user.token, []);
    expect(await refusal(openSse(t.httpUrl, user.token, []))).toMatchObject({ status: 429 });
    a.close();
    b.close();
  });

  it('streams through an HTTP proxy, with heartbeats while nothing happens', async () => {
    const proxy = await startProxy(new URL(t.httpUrl));
    let raw = '';
    const res = await new Promise<http.IncomingMessage>((resolve, reject) =>
      http
        .get(
          `${proxy.url}/api/v1/stream?chargePointId=${CP}`,
          {
            headers: { Authorization: `Bearer ${user.token}` },
          },
          resolve,
        )
        .once('error', reject),
    );
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/event-stream/);
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => (raw += chunk));
    await until(() => raw.includes('event: subscribed'), 'the subscribed message');
    await until(() => raw.includes(': heartbeat'), 'a heartbeat', 5000);
    publishEvent(t, CP, 'ConnectorStatusChanged', 2, {
      connectorId: 1,
      status: 'Charging',
      errorCode: 'NoError',
    });
    await until(() => raw.includes(`id: ${CP}:2\n`), 'the event through the proxy');
    expect(raw).toContain('event: event\n');
    res.destroy();
    await proxy.close();
  });
});

/** A plain forwarding HTTP proxy, as a reverse proxy in front of the server would be. */
async function startProxy(target: URL) {
  const server = http.createServer((req, res) => {
    const upstream = http.request(
      {
        host: target.hostname,
        port: target.port,
        path: req.url,
        method: req.method,
        headers: req.headers,
      },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    upstream.once('error', () => res.destroy());
    res.once('close', () => upstream.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((r) => server.close(() => r()));
    },
  };
}
