import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { validateEnv } from '../../config/env.schema.js';
import { describeStartFailure } from './start-failure.js';
import { startupBanner } from './startup-banner.js';

const wildcard: AddressInfo = { address: '0.0.0.0', family: 'IPv4', port: 3000 };

describe('startupBanner', () => {
  it('names the real address, and reachable URLs for a wildcard one', () => {
    const { headline, lines } = startupBanner(validateEnv({}), wildcard);
    expect(headline).toBe('Voltline listening on http://0.0.0.0:3000 (every interface)');
    const text = lines.join('\n');
    for (const url of [
      'http://localhost:3000/api/v1',
      'http://localhost:3000/docs',
      'ws://localhost:3000/ocpp/{chargePointId}',
      'ws://localhost:3000/ws/users',
    ])
      expect(text).toContain(url);
  });

  it('shows the SSE stream, and MQTT only when MQTT_PORT is set', () => {
    const off = startupBanner(validateEnv({}), wildcard);
    expect(off.fields.stream).toBe('http://localhost:3000/api/v1/stream');
    expect(off.fields.mqtt).toMatch(/^off/);
    const on = startupBanner(validateEnv({ MQTT_PORT: '1883' }), wildcard);
    expect(on.fields.mqtt).toBe('mqtt://localhost:1883');
    expect(on.lines.join('\n')).toContain('mqtt://localhost:1883');
  });

  it('says whether unknown chargers are let in', () => {
    const refused = startupBanner(validateEnv({}), wildcard).lines.join('\n');
    expect(refused).toMatch(
      /refused: register chargers first, or set OCPP_ALLOW_UNKNOWN_CHARGERS=true/,
    );
    const allowed = startupBanner(validateEnv({ OCPP_ALLOW_UNKNOWN_CHARGERS: 'true' }), wildcard);
    expect(allowed.fields.unknownChargers).toBe(true);
    expect(allowed.lines.join('\n')).toMatch(/registered on first connect/);
  });

  it('says what it runs on: the SQLite file and the in-process bus by default', () => {
    const { fields } = startupBanner(validateEnv({ SQLITE_PATH: 'data/x.sqlite' }), wildcard);
    expect(fields.database).toBe(`SQLite at ${resolve('data/x.sqlite')}`);
    expect(fields.events).toBe('in-process');
  });

  it('names PostgreSQL and Redis by host, never with their passwords', () => {
    const env = validateEnv({
      DATABASE_URL: 'postgres://voltline:s3cret@db.internal:5433/voltline',
      REDIS_URL: 'redis://:hush@cache:6379',
    });
    const { lines, fields } = startupBanner(env, wildcard);
    expect(fields.database).toBe('PostgreSQL at db.internal:5433/voltline');
    expect(fields.events).toBe('Redis at cache:6379');
    expect(lines.join('\n')).not.toMatch(/s3cret|hush/);
  });

  it('brackets an IPv6 address and keeps a specific host', () => {
    const v6 = startupBanner(validateEnv({}), { address: '::1', family: 'IPv6', port: 8080 });
    expect(v6.headline).toBe('Voltline listening on http://[::1]:8080');
    expect(v6.fields.docs).toBe('http://[::1]:8080/docs');
  });
});

describe('describeStartFailure', () => {
  const env = { PORT: 3000, HOST: '0.0.0.0', DATABASE_URL: undefined };
  const failure = (code: string) => Object.assign(new Error(code), { code });

  it('says what to do about a port in use, in one line', () => {
    const line = describeStartFailure(failure('EADDRINUSE'), env);
    expect(line).toMatch(/0\.0\.0\.0:3000: the port is in use.*PORT=3001 npm start/);
    expect(line).not.toContain('\n');
  });

  it('leaves other errors to be printed whole', () => {
    expect(describeStartFailure(new Error('boom'), env)).toBeUndefined();
  });

  it('names an unreachable PostgreSQL, a refused user and a missing database', () => {
    const pg = { ...env, DATABASE_URL: 'postgres://volt:secret@db.internal:5433/voltline' };
    expect(describeStartFailure(failure('ECONNREFUSED'), pg)).toBe(
      'Cannot reach PostgreSQL at db.internal:5433 (DATABASE_URL): is it running, and is the address right?',
    );
    expect(describeStartFailure(failure('28P01'), pg)).toMatch(/refused the user "volt"/);
    expect(describeStartFailure(failure('3D000'), pg)).toMatch(/no database "voltline"/);
    expect(describeStartFailure(failure('28P01'), pg)).not.toContain('secret');
  });
});
