import { InvalidConfigError, validateEnv } from './env.schema.js';

// A 32-character secret: the shortest JWT_SECRET the contract accepts.
const SECRET_32 = 'x'.repeat(32);

function configErrorOf(raw: Record<string, unknown>): InvalidConfigError {
  try {
    validateEnv(raw);
  } catch (err) {
    if (err instanceof InvalidConfigError) return err;
    throw err;
  }
  throw new Error('validateEnv accepted an invalid configuration');
}

describe('validateEnv: numbers', () => {
  it.each(['   ', '\t'])('treats a blank PORT (%p) as unset', (PORT) => {
    expect(validateEnv({ PORT }).PORT).toBe(3000);
  });

  it.each(['0x50', '1e3', '80.5', '-1'])('refuses PORT=%p, naming it', (PORT) => {
    expect(() => validateEnv({ PORT })).toThrow(/PORT/);
  });
});

describe('validateEnv', () => {
  describe('defaults (contract section 4)', () => {
    const env = validateEnv({});

    it('listens on port 3000', () => {
      expect(env.PORT).toBe(3000);
    });

    it('uses SQLite at data/csms.sqlite, not PostgreSQL', () => {
      expect(env.SQLITE_PATH).toBe('data/csms.sqlite');
      expect(env.DATABASE_URL).toBeUndefined();
    });

    it('uses the in-process event bus', () => {
      expect(env.REDIS_URL).toBeUndefined();
    });

    it('gives chargers a 60 s heartbeat interval', () => {
      expect(env.OCPP_HEARTBEAT_INTERVAL_S).toBe(60);
    });

    it('refuses unknown chargers', () => {
      expect(env.OCPP_ALLOW_UNKNOWN_CHARGERS).toBe(false);
    });

    it('refuses id tags that are not in the store (contract section 7)', () => {
      expect(env.OCPP_ACCEPT_UNKNOWN_ID_TAGS).toBe(false);
    });

    it('throttles meter values to one per 1000 ms', () => {
      expect(env.REALTIME_METER_INTERVAL_MS).toBe(1000);
    });

    it('leaves JWT_SECRET and ADMIN_PASSWORD to be generated, with admin as the username', () => {
      expect(env.JWT_SECRET).toBeUndefined();
      expect(env.ADMIN_PASSWORD).toBeUndefined();
      expect(env.ADMIN_USERNAME).toBe('admin');
    });
  });

  it('reads numbers from their string form', () => {
    const env = validateEnv({
      PORT: '8080',
      OCPP_HEARTBEAT_INTERVAL_S: '300',
      REALTIME_METER_INTERVAL_MS: '250',
    });

    expect(env.PORT).toBe(8080);
    expect(env.OCPP_HEARTBEAT_INTERVAL_S).toBe(300);
    expect(env.REALTIME_METER_INTERVAL_MS).toBe(250);
  });

  it('keeps the values it is given', () => {
    const env = validateEnv({
      DATABASE_URL: 'postgres://csms:pw@db:5432/csms',
      REDIS_URL: 'redis://cache:6379',
      SQLITE_PATH: '/var/lib/voltline/csms.sqlite',
      JWT_SECRET: SECRET_32,
    });

    expect(env.DATABASE_URL).toBe('postgres://csms:pw@db:5432/csms');
    expect(env.REDIS_URL).toBe('redis://cache:6379');
    expect(env.SQLITE_PATH).toBe('/var/lib/voltline/csms.sqlite');
    expect(env.JWT_SECRET).toBe(SECRET_32);
  });

  it('accepts postgresql:// and rediss:// URLs', () => {
    const env = validateEnv({ DATABASE_URL: 'postgresql://db/csms', REDIS_URL: 'rediss://cache' });

    expect(env.DATABASE_URL).toBe('postgresql://db/csms');
    expect(env.REDIS_URL).toBe('rediss://cache');
  });

  it('treats empty strings as unset', () => {
    const env = validateEnv({
      PORT: '',
      DATABASE_URL: '',
      REDIS_URL: '',
      SQLITE_PATH: '',
      JWT_SECRET: '',
      ADMIN_PASSWORD: '',
      OCPP_HEARTBEAT_INTERVAL_S: '',
      OCPP_ALLOW_UNKNOWN_CHARGERS: '',
      REALTIME_METER_INTERVAL_MS: '',
    });

    expect(env).toEqual(validateEnv({}));
  });

  it.each([
    ['true', true],
    ['1', true],
    ['false', false],
    ['0', false],
  ])('reads OCPP_ALLOW_UNKNOWN_CHARGERS=%s as %s', (value, expected) => {
    expect(validateEnv({ OCPP_ALLOW_UNKNOWN_CHARGERS: value }).OCPP_ALLOW_UNKNOWN_CHARGERS).toBe(
      expected,
    );
  });

  it('ignores variables it does not know', () => {
    const env = validateEnv({ PATH: '/usr/bin', HOME: '/root' });

    expect(env).not.toHaveProperty('PATH');
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['PORT', '80.5'],
    ['OCPP_HEARTBEAT_INTERVAL_S', '0'],
    ['OCPP_HEARTBEAT_INTERVAL_S', '-5'],
    ['OCPP_ALLOW_UNKNOWN_CHARGERS', 'yes'],
    ['DATABASE_URL', 'mysql://x'],
    ['REDIS_URL', 'http://cache:6379'],
    ['JWT_SECRET', 'x'.repeat(31)],
    ['REALTIME_METER_INTERVAL_MS', 'soon'],
  ])('refuses %s=%j with an InvalidConfigError naming it', (name, value) => {
    const error = configErrorOf({ [name]: value });

    expect(error).toBeInstanceOf(Error);
    expect(error.message).toContain(name);
  });

  it('names every bad variable, and only those, in one error', () => {
    const error = configErrorOf({
      PORT: 'abc',
      JWT_SECRET: 'short',
      SQLITE_PATH: 'fine.sqlite',
    });

    expect(error.message).toContain('PORT');
    expect(error.message).toContain('JWT_SECRET');
    expect(error.message).not.toContain('SQLITE_PATH');
  });

  it('does not echo a rejected secret in the error', () => {
    const error = configErrorOf({ JWT_SECRET: 'hunter2-but-too-short' });

    expect(error.message).not.toContain('hunter2-but-too-short');
  });
});
