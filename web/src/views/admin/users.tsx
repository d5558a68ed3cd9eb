import { useState } from 'preact/hooks';
import { api } from '../../api.js';
import { focusOnMount, useDebounced, usePaged, useStatus, type User } from './shared.js';

const field = (f: FormData, name: string) => String(f.get(name) ?? '').trim();

/** Users: search by username prefix, a page at a time; create, disable/enable, reset password. */
export function AdminUsers({ token }: { token: string }) {
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim());
  const list = usePaged<User>(token, q ? `/users?${new URLSearchParams({ q })}` : '/users');
  const shownQ = list.itemsPath && new URLSearchParams(list.itemsPath.split('?')[1]).get('q');
  const { status, run } = useStatus();
  const [resetting, setResetting] = useState<string | null>(null);

  const create = async (e: Event) => {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const f = new FormData(form);
    const username = field(f, 'username');
    const ok = await run(`Created ${username}.`, () =>
      api(token, '/users', {
        method: 'POST',
        body: { username, password: String(f.get('password')), role: field(f, 'role') },
      }),
    );
    if (ok) {
      form.reset();
      list.reload();
    }
  };
  const setDisabled = (u: User, disabled: boolean) =>
    run(`${disabled ? 'Disabled' : 'Enabled'} ${u.username}.`, async () => {
      const changed = await api<User>(token, `/users/${u.id}`, {
        method: 'PATCH',
        body: { disabled },
      });
      list.update((all) => all.map((x) => (x.id === u.id ? { ...x, ...changed } : x)));
    });
  const setRole = (u: User, role: User['role']) =>
    run(`${u.username} is now ${role === 'admin' ? 'an admin' : 'a user'}.`, async () => {
      const changed = await api<User>(token, `/users/${u.id}`, { method: 'PATCH', body: { role } });
      list.update((all) => all.map((x) => (x.id === u.id ? { ...x, ...changed } : x)));
    });
  const reset = async (e: Event, u: User) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget as HTMLFormElement);
    const ok = await run(`Password of ${u.username} reset.`, () =>
      api(token, `/users/${u.id}/password`, {
        method: 'PUT',
        body: { newPassword: String(f.get('newPassword')) },
      }),
    );
    if (ok) setResetting(null);
  };

  return (
    <section aria-labelledby="admin-users">
      <div class="bar">
        <h1 id="admin-users">Users</h1>
        <label class="search">
          <span class="sr-only">Search users</span>
          <input
            type="search"
            placeholder="Username starts with…"
            value={search}
            onInput={(e) => setSearch((e.currentTarget as HTMLInputElement).value)}
          />
        </label>
      </div>
      <p role="status" data-testid="admin-status" class="status">
        {status}
      </p>
      {list.error && (
        <p class="error" role="alert">
          Could not load the users: {list.error}
        </p>
      )}
      {list.items === null && !list.error && <p>Loading…</p>}
      {list.items?.length === 0 && <p>No user to show.</p>}
      {list.items && list.items.length > 0 && (
        <div class="scroll" role="region" aria-label="User list" tabIndex={0}>
          <table>
            <caption data-testid="list-caption">
              {shownQ ? `Users whose name starts with “${shownQ}”` : 'All users'}
            </caption>
            <thead>
              <tr>
                <th scope="col">Username</th>
                <th scope="col">Role</th>
                <th scope="col">State</th>
                <th scope="col">
                  <span class="sr-only">Change</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((u) => [
                <tr key={u.id} data-user={u.username}>
                  <th scope="row">{u.username}</th>
                  <td data-field="role">{u.role}</td>
                  <td data-field="state">{u.disabled ? 'Disabled' : 'Enabled'}</td>
                  <td class="row-actions">
                    <button type="button" onClick={() => void setDisabled(u, !u.disabled)}>
                      {u.disabled ? 'Enable' : 'Disable'}
                      <span class="sr-only"> {u.username}</span>
                    </button>
                    <button
                      type="button"
                      onClick={() => void setRole(u, u.role === 'admin' ? 'user' : 'admin')}
                    >
                      {u.role === 'admin' ? 'Make user' : 'Make admin'}
                      <span class="sr-only"> {u.username}</span>
                    </button>
                    <button
                      type="button"
                      aria-expanded={resetting === u.id}
                      onClick={() => setResetting(resetting === u.id ? null : u.id)}
                    >
                      Reset password<span class="sr-only"> of {u.username}</span>
                    </button>
                  </td>
                </tr>,
                resetting === u.id && (
                  <tr key={`${u.id}-reset`}>
                    <td colSpan={4}>
                      <form onSubmit={(e) => void reset(e, u)}>
                        <fieldset>
                          <legend>New password for {u.username}</legend>
                          <label for="reset-password">New password</label>
                          <input
                            id="reset-password"
                            name="newPassword"
                            ref={focusOnMount}
                            type="password"
                            autocomplete="new-password"
                            required
                          />
                          <div class="row-actions">
                            <button type="submit">Save password</button>
                            <button type="button" onClick={() => setResetting(null)}>
                              Cancel
                            </button>
                          </div>
                        </fieldset>
                      </form>
                    </td>
                  </tr>
                ),
              ])}
            </tbody>
          </table>
        </div>
      )}
      {list.more && (
        <button type="button" onClick={list.more}>
          More users
        </button>
      )}
      <form onSubmit={(e) => void create(e)} class="admin-form">
        <fieldset>
          <legend>Create a user</legend>
          <label for="new-username">Username</label>
          <input id="new-username" name="username" autocomplete="off" required />
          <label for="new-password">Password</label>
          <input
            id="new-password"
            name="password"
            type="password"
            autocomplete="new-password"
            required
          />
          <label for="new-role">Role</label>
          <select id="new-role" name="role">
            <option value="user">user</option>
            <option value="admin">admin</option>
          </select>
          <button type="submit">Create</button>
        </fieldset>
      </form>
    </section>
  );
}
