import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LoggerService } from '@nestjs/common';
import type { JwtConfig } from '../../config/index.js';
import { SECRET_FILE, signingKey } from './signing-key.js';

const jwt = (secret?: string) => ({ secret }) as JwtConfig;

function recorder() {
  const lines: string[] = [];
  const logger: LoggerService = {
    log: (m: unknown) => void lines.push(`log ${String(m)}`),
    warn: (m: unknown) => void lines.push(`warn ${String(m)}`),
    error: (m: unknown) => void lines.push(`error ${String(m)}`),
  };
  return { logger, lines };
}

describe('signingKey', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'voltline-key-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('uses JWT_SECRET when it is set, and writes nothing', () => {
    const sqlitePath = join(dir, 'csms.sqlite');
    const key = signingKey(jwt('s'.repeat(32)), { url: undefined, sqlitePath }, recorder().logger);
    expect(key).toBe('s'.repeat(32));
    expect(() => statSync(join(dir, SECRET_FILE))).toThrow();
  });

  it('on SQLite, makes a key once, beside the database, readable by its owner only', () => {
    const sqlitePath = join(dir, 'sub', 'csms.sqlite');
    const first = signingKey(jwt(), { url: undefined, sqlitePath }, recorder().logger);
    const again = signingKey(jwt(), { url: undefined, sqlitePath }, recorder().logger);
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(again).toBe(first);
    const file = join(dir, 'sub', SECRET_FILE);
    expect(readFileSync(file, 'utf8').trim()).toBe(first);
    expect(statSync(file).mode & 0o077).toBe(0);
  });

  it('refuses a kept key that is too short rather than sign with it', () => {
    writeFileSync(join(dir, SECRET_FILE), 'short\n');
    expect(() =>
      signingKey(
        jwt(),
        { url: undefined, sqlitePath: join(dir, 'csms.sqlite') },
        recorder().logger,
      ),
    ).toThrow(/no usable key/);
  });

  it('on PostgreSQL, makes a key per start and warns', () => {
    const { logger, lines } = recorder();
    const db = { url: 'postgres://x@localhost/db', sqlitePath: join(dir, 'csms.sqlite') };
    const a = signingKey(jwt(), db, logger);
    const b = signingKey(jwt(), db, logger);
    expect(a).not.toBe(b);
    expect(lines[0]).toMatch(/^warn JWT_SECRET is not set/);
    expect(() => statSync(join(dir, SECRET_FILE))).toThrow();
  });
});
