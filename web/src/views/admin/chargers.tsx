import { useState } from 'preact/hooks';
import { api } from '../../api.js';
import type { ChargerSnapshot } from '../../live/types.js';
import { OnlineBadge } from '../badges.js';
import { findUserId, focusOnMount, useDebounced, usePaged, useStatus } from './shared.js';

const field = (f: FormData, name: string) => String(f.get(name) ?? '').trim();

/** Chargers: search by id prefix, a page at a time; register, change owner, delete. */
export function AdminChargers({ token }: { token: string }) {
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim());
  const list = usePaged<ChargerSnapshot>(
    token,
    q ? `/charge-points?${new URLSearchParams({ q })}` : '/charge-points',
  );
  const shownQ = list.itemsPath && new URLSearchParams(list.itemsPath.split('?')[1]).get('q');
  const { status, run } = useStatus();
  const [editing, setEditing] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<string | null>(null);
  // the password the server generated for a charger registered without one: shown this once
  const [generated, setGenerated] = useState<{ id: string; password: string } | null>(null);
  const path = (id: string) => `/charge-points/${encodeURIComponent(id)}`;

  const register = async (e: Event) => {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const f = new FormData(form);
    const id = field(f, 'id');
    const owner = field(f, 'owner');
    const password = String(f.get('password') ?? '');
    const profile = field(f, 'securityProfile');
    setGenerated(null);
    const ok = await run(`Registered ${id}.`, async () => {
      const answer = await api<{ password?: string | null }>(token, '/charge-points', {
        method: 'POST',
        body: {
          id,
          ...(owner ? { ownerId: await findUserId(token, owner) } : {}),
          ...(password ? { password } : {}),
          ...(profile ? { securityProfile: Number(profile) } : {}),
        },
      });
      if (answer.password) setGenerated({ id, password: answer.password });
    });
    if (ok) {
      form.reset();
      list.reload();
    }
  };
  const changeOwner = async (e: Event, id: string) => {
    e.preventDefault();
    const owner = field(new FormData(e.currentTarget as HTMLFormElement), 'owner');
    const ok = await run(`${id} now belongs to ${owner || 'nobody'}.`, async () =>
      api(token, path(id), {
        method: 'PATCH',
        body: { ownerId: owner ? await findUserId(token, owner) : null },
      }),
    );
    if (ok) setEditing(null);
  };
  const remove = (id: string) =>
    run(`Deleted ${id}.`, async () => {
      await api(token, path(id), { method: 'DELETE' });
      setDeleting(null);
      list.update((all) => all.filter((c) => c.id !== id));
    });

  return (
    <section aria-labelledby="admin-chargers">
      <div class="bar">
        <h1 id="admin-chargers">Chargers</h1>
        <label class="search">
          <span class="sr-only">Search chargers</span>
          <input
            type="search"
            placeholder="Id starts with…"
            value={search}
            onInput={(e) => setSearch((e.currentTarget as HTMLInputElement).value)}
          />
        </label>
      </div>
      <p role="status" data-testid="admin-status" class="status">
        {status}
      </p>
      {generated && (
        <div class="notice" data-testid="generated-password">
          <p>
            The password of {generated.id}, shown this once (the server keeps only its hash): set it
            in the charger, which sends it with HTTP Basic auth.
          </p>
          <p>
            <code class="secret">{generated.password}</code>
          </p>
          <button type="button" ref={focusOnMount} onClick={() => setGenerated(null)}>
            I have noted it
          </button>
        </div>
      )}
      {list.error && (
        <p class="error" role="alert">
          Could not load the chargers: {list.error}
        </p>
      )}
      {list.items === null && !list.error && <p>Loading…</p>}
      {list.items?.length === 0 && <p>No charger to show.</p>}
      {list.items && list.items.length > 0 && (
        <div class="scroll" role="region" aria-label="Charger list" tabIndex={0}>
          <table>
            <caption data-testid="list-caption">
              {shownQ ? `Chargers whose id starts with “${shownQ}”` : 'All chargers'}
            </caption>
            <thead>
              <tr>
                <th scope="col">Charger</th>
                <th scope="col">State</th>
                <th scope="col">Connectors</th>
                <th scope="col">
                  <span class="sr-only">Change</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((c) => [
                <tr key={c.id} data-charger-row={c.id}>
                  <th scope="row">
                    <a href={`#/charge-points/${encodeURIComponent(c.id)}`}>{c.id}</a>
                  </th>
                  <td>
                    <OnlineBadge online={c.online} />
                  </td>
                  <td>{c.connectors.length}</td>
                  <td class="row-actions">
                    <button
                      type="button"
                      aria-expanded={editing === c.id}
                      onClick={() => setEditing(editing === c.id ? null : c.id)}
                    >
                      Change the owner<span class="sr-only"> of {c.id}</span>
                    </button>
                    {deleting === c.id ? (
                      <>
                        <button
                          type="button"
                          class="danger"
                          ref={focusOnMount}
                          onClick={() => void remove(c.id)}
                        >
                          Confirm: delete<span class="sr-only"> {c.id}</span>
                        </button>
                        <button type="button" onClick={() => setDeleting(null)}>
                          Cancel
                        </button>
                      </>
                    ) : (
                      <button type="button" onClick={() => setDeleting(c.id)}>
                        Delete<span class="sr-only"> {c.id}</span>
                      </button>
                    )}
                  </td>
                </tr>,
                editing === c.id && (
                  <tr key={`${c.id}-owner`}>
                    <td colSpan={4}>
                      <form onSubmit={(e) => void changeOwner(e, c.id)}>
                        <fieldset>
                          <legend>New owner of {c.id}</legend>
                          <label for="owner-username">Owner (username)</label>
                          <input
                            id="owner-username"
                            name="owner"
                            ref={focusOnMount}
                            autocomplete="off"
                            aria-describedby="owner-hint"
                          />
                          <p id="owner-hint" class="muted">
                            Empty: the charger belongs to nobody (admins and grantees still see it).
                          </p>
                          <div class="row-actions">
                            <button type="submit">Save owner</button>
                            <button type="button" onClick={() => setEditing(null)}>
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
          More chargers
        </button>
      )}
      <form onSubmit={(e) => void register(e)} class="admin-form">
        <fieldset>
          <legend>Register a charger</legend>
          <label for="register-id">Charger id</label>
          <input id="register-id" name="id" autocomplete="off" required />
          <label for="register-owner">Owner (username)</label>
          <input id="register-owner" name="owner" autocomplete="off" />
          <label for="register-password">Charger password (optional)</label>
          <input
            id="register-password"
            name="password"
            type="password"
            autocomplete="new-password"
            aria-describedby="register-password-hint"
          />
          <p id="register-password-hint" class="muted">
            16 to 40 characters, sent by the charger with HTTP Basic auth. Left empty, one is
            generated and shown once.
          </p>
          <label for="register-profile">Security profile</label>
          <select
            id="register-profile"
            name="securityProfile"
            aria-describedby="register-profile-hint"
          >
            <option value="">1 (the default)</option>
            <option value="2">2</option>
            <option value="3">3</option>
          </select>
          <p id="register-profile-hint" class="muted">
            1: password; 2: password over TLS; 3: a client certificate, no password.
          </p>
          <button type="submit">Register</button>
        </fieldset>
      </form>
    </section>
  );
}
