import type { Env } from './env.schema.js';

export const jwtConfig = (e: Env) => ({
  secret: e.JWT_SECRET,
  adminUsername: e.ADMIN_USERNAME,
  adminPassword: e.ADMIN_PASSWORD,
});
export type JwtConfig = ReturnType<typeof jwtConfig>;
