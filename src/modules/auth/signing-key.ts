import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { LoggerService } from '@nestjs/common';
import type { DatabaseConfig, JwtConfig } from '../../config/index.js';

export const SECRET_FILE = 'jwt-secret';

/**
 * The key users' tokens are signed with: JWT_SECRET; without it, on the embedded setup
 * (SQLite), a key generated once and kept beside the database file, so that tokens outlive a
 * restart as the data does; on PostgreSQL (where instances share no disk), a key per start.
 */
export function signingKey(jwt: JwtConfig, db: DatabaseConfig, logger: LoggerService): string {
  if (jwt.secret) return jwt.secret;
  if (!db.url && db.sqlitePath !== ':memory:') {
    const file = resolve(dirname(db.sqlitePath), SECRET_FILE);
    const kept = readKept(file) ?? create(file);
    logger.log(`JWT_SECRET is not set: tokens are signed with the key kept in ${file}`, 'Auth');
    return kept;
  }
  logger.warn(
    'JWT_SECRET is not set: tokens are signed with a random key made at this start; they stop ' +
      'working at the next restart and are not shared between instances',
    'Auth',
  );
  return generate();
}

const generate = () => randomBytes(48).toString('base64url');

function readKept(file: string): string | undefined {
  try {
    const kept = readFileSync(file, 'utf8').trim();
    if (kept.length >= 32) return kept;
    throw new Error(
      `${file} holds no usable key (at least 32 characters): delete it or set JWT_SECRET`,
    );
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

function create(file: string): string {
  mkdirSync(dirname(file), { recursive: true });
  const key = generate();
  try {
    // only the owner may read it; 'wx': a second process starting at the same moment keeps the
    // first one's key
    writeFileSync(file, `${key}\n`, { mode: 0o600, flag: 'wx' });
    return key;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    return readKept(file) ?? key;
  }
}
