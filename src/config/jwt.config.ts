import type { Env } from './env.schema.js';

export const jwtConfig = (e: Env) => ({
  secret: e.JWT_SECRET,
  ttlS: e.JWT_TTL_S,
  issuer: 'voltline',
  audience: 'voltline-api',
  adminUsername: e.ADMIN_USERNAME,
  adminPassword: e.ADMIN_PASSWORD,
  /** login attempts per minute from one address, and failed attempts per 15 min for one username */
  loginRatePerIp: e.LOGIN_RATE_LIMIT_PER_IP,
  loginRatePerUsername: e.LOGIN_RATE_LIMIT_PER_USERNAME,
});
export type JwtConfig = ReturnType<typeof jwtConfig>;
