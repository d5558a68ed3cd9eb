import { startApp } from './helpers/app.js';
import { createDatabase, testDialects } from './helpers/databases.js';
import { connectUser } from './helpers/user-socket.js';
import { ADMIN, api, bearer, login, restEnv } from './helpers/rest.js';
import { AdminToolError, resetPassword } from '../src/tools/admin/reset-password.js';

// A lost admin password (contract section 7, README): `npm run admin -- reset-password` works on
// the database directly, next to a running server, on SQLite and on PostgreSQL.

const dialects = await testDialects();

describe.each(dialects)('npm run admin -- reset-password (%s)', (dialect) => {
  it('sets a new password, enables the admin and revokes its older tokens', async () => {
    const db = await createDatabase(dialect);
    const t = await startApp(dialect, restEnv, db);
    try {
      const old = await login(t, ADMIN.username, ADMIN.password);
      const me = await api(t).get('/api/v1/users/me').set(bearer(old));

      const password = await resetPassword(db.env, ADMIN.username);

      expect(password.length).toBeGreaterThanOrEqual(16);
      expect((await api(t).get('/api/v1/users/me').set(bearer(old))).status).toBe(401);
      const refused = await api(t)
        .post('/api/v1/auth/login')
        .send({ username: ADMIN.username, password: ADMIN.password });
      expect(refused.status).toBe(401);
      const fresh = await login(t, ADMIN.username, password);
      expect((await api(t).get('/api/v1/users/me').set(bearer(fresh))).body).toEqual(me.body);
      // the new token opens a realtime session too
      const session = await connectUser(t.wsUrl, fresh);
      session.close();

      await resetPassword(db.env, ADMIN.username, 'chosen-password');
      await login(t, ADMIN.username, 'chosen-password');
    } finally {
      await t.close();
      await db.drop();
    }
  });

  it('names an unknown user, and a short password, and changes nothing', async () => {
    const db = await createDatabase(dialect);
    const t = await startApp(dialect, restEnv, db);
    try {
      await expect(resetPassword(db.env, 'nobody')).rejects.toThrow(
        new AdminToolError('there is no user named nobody'),
      );
      await expect(resetPassword(db.env, ADMIN.username, 'short')).rejects.toThrow(
        'the new password must be 8+ characters',
      );
      await login(t, ADMIN.username, ADMIN.password);
    } finally {
      await t.close();
      await db.drop();
    }
  });
});
