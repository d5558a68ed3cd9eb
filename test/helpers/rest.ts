import request from 'supertest';
import type { TestApp } from './app.js';

export const ADMIN = { username: 'admin', password: 'admin-password-for-tests' };

/** Environment that fixes the admin's password (and a JWT key) for a test app. */
export const restEnv = {
  ADMIN_USERNAME: ADMIN.username,
  ADMIN_PASSWORD: ADMIN.password,
  JWT_SECRET: 'test-secret-that-is-at-least-32-bytes-long!!',
};

/** Anything that serves the API: an in-process test app or a server process. */
export type HttpTarget = Pick<TestApp, 'httpUrl'>;

export const api = (t: HttpTarget) => request(t.httpUrl);

export async function login(t: HttpTarget, username: string, password: string): Promise<string> {
  const res = await api(t).post('/api/v1/auth/login').send({ username, password });
  if (res.status !== 200)
    throw new Error(`login of ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.accessToken as string;
}

export interface TestUser {
  id: string;
  username: string;
  token: string;
}

/** Creates a user through the API (as admin) and logs it in. */
export async function createUser(
  t: HttpTarget,
  adminToken: string,
  username: string,
  role = 'user',
): Promise<TestUser> {
  const password = `${username}-password`;
  const res = await api(t)
    .post('/api/v1/users')
    .set('Authorization', `Bearer ${adminToken}`)
    .send({ username, password, role });
  if (res.status !== 201)
    throw new Error(`creating ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { id: res.body.id, username, token: await login(t, username, password) };
}

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
