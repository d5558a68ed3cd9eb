import request from 'supertest';
import { startApp, type TestApp } from './helpers/app.js';
import { connectCharger } from './helpers/charger.js';

const METRICS_TOKEN = 'metrics-token-for-tests-0123456789';

describe('operations: health and metrics', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp('sqlite', { METRICS_TOKEN, OCPP_ALLOW_UNKNOWN_CHARGERS: 'true' });
  });
  afterAll(() => t.close());

  it('answers /health/live and /health/ready without a token', async () => {
    const live = await request(t.httpUrl).get('/health/live');
    expect(live.status).toBe(200);
    expect(live.body).toEqual({ status: 'ok' });
    const ready = await request(t.httpUrl).get('/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({
      status: 'ok',
      info: { database: { status: 'up' }, events: { status: 'up', state: 'up' } },
    });
  });

  it('says the database is down with 503 when it is', async () => {
    const other = await startApp('sqlite');
    try {
      await other.dataSource.destroy();
      const ready = await request(other.httpUrl).get('/health/ready');
      expect(ready.status).toBe(503);
      expect(ready.body.error?.database?.status ?? ready.body.details?.database?.status).toBe(
        'down',
      );
    } finally {
      await other.close().catch(() => undefined);
    }
  });

  it('serves Prometheus metrics to the bearer of METRICS_TOKEN only', async () => {
    expect((await request(t.httpUrl).get('/metrics')).status).toBe(401);
    expect(
      (await request(t.httpUrl).get('/metrics').set('Authorization', 'Bearer wrong')).status,
    ).toBe(401);

    const cp = await connectCharger(t.wsUrl, 'CP_METRICS');
    await cp.call('Heartbeat', {});
    const res = await request(t.httpUrl)
      .get('/metrics')
      .set('Authorization', `Bearer ${METRICS_TOKEN}`);
    await cp.close();
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.text).toMatch(/^voltline_ocpp_messages_total\{action="Heartbeat",result="ok"\} 1$/m);
    expect(res.text).toMatch(/^voltline_chargers_connected 1$/m);
    expect(res.text).toMatch(/^voltline_events_published_total\{event="ChargePointOnline"\} 1$/m);
    expect(res.text).toContain('voltline_event_delivery_seconds_bucket');
  });

  it('has no /metrics at all without METRICS_TOKEN', async () => {
    const other = await startApp('sqlite');
    try {
      expect((await request(other.httpUrl).get('/metrics')).status).toBe(404);
    } finally {
      await other.close();
    }
  });
});
