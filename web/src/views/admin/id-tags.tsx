import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError } from '../../api.js';
import { findUserId, focusOnMount, usePaged, useStatus, type User } from './shared.js';

interface IdTag {
  idTag: string;
  userId: string | null;
  status: 'Accepted' | 'Blocked';
  expiresAt: string | null;
  parentIdTag: string | null;
}

const field = (f: FormData, name: string) => String(f.get(name) ?? '').trim();

/** The usernames of these user ids, asked once each (GET /users/{id}). */
function useUsernames(token: string, ids: Array<string | null>): Map<string, string> {
  const [names, setNames] = useState(new Map<string, string>());
  const asked = useRef(new Set<string>());
  const missing = [...new Set(ids)].filter((id): id is string => !!id && !asked.current.has(id));
  useEffect(() => {
    for (const id of missing) {
      asked.current.add(id);
      void api<User>(token, `/users/${id}`).then(
        (u) => setNames((m) => new Map(m).set(id, u.username)),
        (e) =>
          setNames((m) =>
            new Map(m).set(id, e instanceof ApiError && e.status === 404 ? '(deleted)' : id),
          ),
      );
    }
  }, [token, missing.join()]);
  return names;
}

/** Id tags: a page at a time with their holders; add, block/unblock, delete. */
export function AdminIdTags({ token }: { token: string }) {
  const list = usePaged<IdTag>(token, '/id-tags');
  const { status, run } = useStatus();
  const [deleting, setDeleting] = useState<string | null>(null);
  const names = useUsernames(
    token,
    (list.items ?? []).map((t) => t.userId),
  );
  const path = (tag: string) => `/id-tags/${encodeURIComponent(tag)}`;

  const create = async (e: Event) => {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const f = new FormData(form);
    const idTag = field(f, 'idTag');
    const holder = field(f, 'holder');
    const expires = field(f, 'expires');
    const ok = await run(`Added ${idTag}.`, async () =>
      api(token, '/id-tags', {
        method: 'POST',
        body: {
          idTag,
          ...(holder ? { userId: await findUserId(token, holder) } : {}),
          // valid through the day given (UTC)
          ...(expires ? { expiresAt: `${expires}T23:59:59.000Z` } : {}),
        },
      }),
    );
    if (ok) {
      form.reset();
      list.reload();
    }
  };
  const setBlocked = (t: IdTag, blocked: boolean) =>
    run(`${blocked ? 'Blocked' : 'Unblocked'} ${t.idTag}.`, async () => {
      const changed = await api<IdTag>(token, path(t.idTag), {
        method: 'PATCH',
        body: { status: blocked ? 'Blocked' : 'Accepted' },
      });
      list.update((all) => all.map((x) => (x.idTag === t.idTag ? changed : x)));
    });
  const remove = (tag: string) =>
    run(`Deleted ${tag}.`, async () => {
      await api(token, path(tag), { method: 'DELETE' });
      setDeleting(null);
      list.update((all) => all.filter((x) => x.idTag !== tag));
    });

  return (
    <section aria-labelledby="admin-id-tags">
      <h1 id="admin-id-tags">Id tags</h1>
      <p role="status" data-testid="admin-status" class="status">
        {status}
      </p>
      {list.error && (
        <p class="error" role="alert">
          Could not load the id tags: {list.error}
        </p>
      )}
      {list.items === null && !list.error && <p>Loading…</p>}
      {list.items?.length === 0 && <p>No id tag yet.</p>}
      {list.items && list.items.length > 0 && (
        <div class="scroll" role="region" aria-label="Id tag list" tabIndex={0}>
          <table>
            <thead>
              <tr>
                <th scope="col">Id tag</th>
                <th scope="col">Holder</th>
                <th scope="col">Status</th>
                <th scope="col">Expires</th>
                <th scope="col">
                  <span class="sr-only">Change</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((t) => (
                <tr key={t.idTag} data-id-tag={t.idTag}>
                  <th scope="row">{t.idTag}</th>
                  <td data-field="holder">
                    {t.userId ? (names.get(t.userId) ?? '…') : <span class="muted">nobody</span>}
                  </td>
                  <td data-field="status">{t.status}</td>
                  <td>
                    {t.expiresAt ? (
                      <time dateTime={t.expiresAt}>
                        {new Date(t.expiresAt).toLocaleDateString()}
                      </time>
                    ) : (
                      <span class="muted">never</span>
                    )}
                  </td>
                  <td class="row-actions">
                    <button
                      type="button"
                      onClick={() => void setBlocked(t, t.status !== 'Blocked')}
                    >
                      {t.status === 'Blocked' ? 'Unblock' : 'Block'}
                      <span class="sr-only"> {t.idTag}</span>
                    </button>
                    {deleting === t.idTag ? (
                      <>
                        <button
                          type="button"
                          class="danger"
                          ref={focusOnMount}
                          onClick={() => void remove(t.idTag)}
                        >
                          Confirm: delete<span class="sr-only"> {t.idTag}</span>
                        </button>
                        <button type="button" onClick={() => setDeleting(null)}>
                          Cancel
                        </button>
                      </>
                    ) : (
                      <button type="button" onClick={() => setDeleting(t.idTag)}>
                        Delete<span class="sr-only"> {t.idTag}</span>
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {list.more && (
        <button type="button" onClick={list.more}>
          More id tags
        </button>
      )}
      <form onSubmit={(e) => void create(e)} class="admin-form">
        <fieldset>
          <legend>Add an id tag</legend>
          <label for="tag-id">Id tag</label>
          <input id="tag-id" name="idTag" autocomplete="off" required />
          <label for="tag-holder">Holder (username)</label>
          <input id="tag-holder" name="holder" autocomplete="off" />
          <label for="tag-expires">Expires on</label>
          <input id="tag-expires" name="expires" type="date" />
          <button type="submit">Add</button>
        </fieldset>
      </form>
    </section>
  );
}
