import { useEffect, useState } from 'preact/hooks';
import { api } from '../api.js';

interface Grant {
  userId: string;
  username: string;
  level: 'view' | 'operate';
}

/**
 * Who else may see (view) or also operate this charger: for its owner and admins. A user is
 * named by id when granted (the API has no user search for owners); the list shows usernames.
 */
export function Grants({ token, chargePointId }: { token: string; chargePointId: string }) {
  const [grants, setGrants] = useState<Grant[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const base = `/charge-points/${encodeURIComponent(chargePointId)}/grants`;

  const load = async (after: string | null = null) => {
    const page = await api<{ items: Grant[]; nextCursor: string | null }>(
      token,
      `${base}${after ? `?cursor=${encodeURIComponent(after)}` : ''}`,
    );
    setGrants((prev) => [...(after ? (prev ?? []) : []), ...page.items]);
    setCursor(page.nextCursor);
  };
  useEffect(() => {
    load().catch((e: Error) => setMessage(`Could not load the grants: ${e.message}`));
  }, [token, chargePointId]);

  const act = async (what: string, run: () => Promise<unknown>) => {
    setMessage(null);
    try {
      await run();
      setMessage(what);
      await load();
    } catch (e) {
      setMessage(`Failed: ${(e as Error).message}`);
    }
  };
  const grant = (userId: string, level: string) =>
    act(`Granted ${level}.`, () => api(token, base, { method: 'POST', body: { userId, level } }));

  const submit = (e: Event) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget as HTMLFormElement);
    void grant(String(f.get('userId')).trim(), String(f.get('level')));
  };

  return (
    <section aria-labelledby="grants-title">
      <h2 id="grants-title">Shared with</h2>
      <p role="status" data-testid="grants-status">
        {message}
      </p>
      {grants?.length === 0 && <p class="muted">Nobody else.</p>}
      {grants && grants.length > 0 && (
        <table>
          <thead>
            <tr>
              <th scope="col">User</th>
              <th scope="col">May</th>
              <th scope="col">
                <span class="sr-only">Change</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {grants.map((g) => (
              <tr key={g.userId} data-grantee={g.username}>
                <td>{g.username}</td>
                <td data-field="level">{g.level === 'operate' ? 'view and operate' : 'view'}</td>
                <td class="row-actions">
                  <button
                    type="button"
                    onClick={() => void grant(g.userId, g.level === 'operate' ? 'view' : 'operate')}
                  >
                    {g.level === 'operate'
                      ? `Make ${g.username} view only`
                      : `Let ${g.username} operate`}
                  </button>
                  <button
                    type="button"
                    onClick={() =>
                      void act(`Revoked ${g.username}.`, () =>
                        api(token, `${base}/${encodeURIComponent(g.userId)}`, { method: 'DELETE' }),
                      )
                    }
                  >
                    Revoke {g.username}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {cursor && (
        <button type="button" onClick={() => void load(cursor)}>
          Show more
        </button>
      )}
      <form onSubmit={submit}>
        <fieldset>
          <legend>Share this charger</legend>
          <label for="grant-user">User id</label>
          <input
            id="grant-user"
            name="userId"
            required
            pattern="[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
            title="The user's id (a UUID)"
            autocomplete="off"
          />
          <label for="grant-level">May</label>
          <select id="grant-level" name="level">
            <option value="view">view</option>
            <option value="operate">view and operate</option>
          </select>
          <button type="submit">Share</button>
        </fieldset>
      </form>
    </section>
  );
}
