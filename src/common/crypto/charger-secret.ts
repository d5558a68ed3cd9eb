import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { verifyPassword } from './password-hash.js';

// Chargers' Basic-auth passwords are long machine secrets (at least 16 characters; generated ones
// carry 192 bits), not words a person remembers: a salted SHA-256 verifies them in microseconds,
// where scrypt (kept for users) costs ~50 ms of the worker pool per handshake, which a flood of
// wrong-password handshakes turned into a denial of service. Hashes made before (scrypt$...)
// still verify.
// Format: sha256$<salt b64>$<digest b64>.

const digest = (secret: Buffer | string, salt: Buffer) =>
  createHash('sha256').update(salt).update(secret).digest();

export function hashChargerSecret(secret: Buffer | string): string {
  const salt = randomBytes(16);
  return `sha256$${salt.toString('base64')}$${digest(secret, salt).toString('base64')}`;
}

export async function verifyChargerSecret(
  secret: Buffer | string,
  stored: string,
): Promise<boolean> {
  const [scheme, saltB64, digestB64] = stored.split('$');
  if (scheme === 'scrypt') return verifyPassword(secret, stored);
  if (scheme !== 'sha256' || !saltB64 || !digestB64) return false;
  const expected = Buffer.from(digestB64, 'base64');
  if (expected.length !== 32) return false;
  return timingSafeEqual(digest(secret, Buffer.from(saltB64, 'base64')), expected);
}

/** A password for a charger registered without one: 32 characters of base64url (192 bits). */
export const generateChargerSecret = (): string => randomBytes(24).toString('base64url');
