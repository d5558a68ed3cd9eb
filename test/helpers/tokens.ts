import { randomUUID } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import { restEnv } from './rest.js';

// Tokens the app must refuse, each wrong in one way only: signed by the test itself with the
// app's own key (restEnv.JWT_SECRET) and claims (iss voltline, aud voltline-api) unless the
// name says otherwise. `forged.valid` is the control: the same recipe, nothing wrong.

const ISSUER = 'voltline';
const AUDIENCE = 'voltline-api';

export interface TokenSubject {
  id: string;
  username: string;
  role: 'user' | 'admin';
}

const b64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const now = () => Math.floor(Date.now() / 1000);

export function forgedTokens(subject: TokenSubject) {
  const jwt = new JwtService({ secret: restEnv.JWT_SECRET });
  const claims = { sub: subject.id, username: subject.username, role: subject.role };
  const sign = (payload: object, options: Parameters<JwtService['sign']>[1] = {}) =>
    jwt.sign(payload, {
      algorithm: 'HS256',
      issuer: ISSUER,
      audience: AUDIENCE,
      expiresIn: 3600,
      ...options,
    });
  return {
    valid: sign(claims),
    garbage: 'not-a-jwt-at-all',
    otherSecret: sign(claims, { secret: 'another-secret-that-is-also-32-bytes-long!!' }),
    expired: jwt.sign(
      { ...claims, iat: now() - 7200, exp: now() - 60 },
      { algorithm: 'HS256', issuer: ISSUER, audience: AUDIENCE },
    ),
    algNone: [
      b64url({ alg: 'none', typ: 'JWT' }),
      b64url({ ...claims, iss: ISSUER, aud: AUDIENCE, iat: now(), exp: now() + 3600 }),
      '',
    ].join('.'),
    hs512: sign(claims, { algorithm: 'HS512' }),
    wrongAudience: sign(claims, { audience: 'someone-else' }),
    wrongIssuer: sign(claims, { issuer: 'not-voltline' }),
    unknownUser: sign({ ...claims, sub: randomUUID() }),
    noSubject: sign({ username: subject.username, role: subject.role }),
  };
}

export type ForgedTokenName = keyof ReturnType<typeof forgedTokens>;

/** A token's header and claims, unverified. */
export function decodeToken(token: string) {
  const { header, payload } = new JwtService().decode(token, { complete: true });
  return { header, claims: payload as Record<string, unknown> };
}
