// What the admin screens share: paged lists of the operator API, users named by username,
// and one status line per screen (a live region) saying what the last action did.

import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../../api.js';

export const ADMIN_PAGE = 20;

export interface User {
  id: string;
  username: string;
  role: 'user' | 'admin';
  disabled: boolean;
  createdAt: string;
}

/**
 * A list the API pages (`{items, nextCursor}`): the first page of `path` (whose query holds the
 * filters), then `more()` for the next. A new path starts again; answers that cross (a search
 * typed on) are applied only when they are the last asked.
 */
export function usePaged<T>(token: string, path: string) {
  const [items, setItems] = useState<T[] | null>(null);
  // the path of the items shown (a search typed on shows the former list until its answer)
  const [itemsPath, setItemsPath] = useState<string | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const asked = useRef(0);

  const load = async (after: string | null) => {
    const n = ++asked.current;
    const q = new URLSearchParams({ limit: String(ADMIN_PAGE) });
    if (after) q.set('cursor', after);
    try {
      const page = await api<{ items: T[]; nextCursor: string | null }>(
        token,
        `${path}${path.includes('?') ? '&' : '?'}${q}`,
      );
      if (n !== asked.current) return;
      setItems((held) => (after ? [...(held ?? []), ...page.items] : page.items));
      setItemsPath(path);
      setCursor(page.nextCursor);
      setError(null);
    } catch (e) {
      if (n === asked.current) setError((e as Error).message);
    }
  };
  useEffect(() => void load(null), [token, path]);

  return {
    items,
    itemsPath,
    error,
    // a cursor belongs to the list it came with: none while a new search is on its way
    more: cursor && itemsPath === path ? () => void load(cursor) : null,
    reload: () => void load(null),
    update: (change: (items: T[]) => T[]) => setItems((held) => held && change(held)),
  };
}

/** `value`, once it has stopped changing for `ms` (a search box asks once typing pauses). */
export function useDebounced<T>(value: T, ms = 250): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return settled;
}

/** The id of the user with this username (the API searches by prefix, ignoring case). */
export async function findUserId(token: string, username: string): Promise<string> {
  const page = await api<{ items: User[] }>(
    token,
    `/users?${new URLSearchParams({ q: username, limit: '50' })}`,
  );
  const found =
    page.items.find((u) => u.username === username) ??
    page.items.find((u) => u.username.toLowerCase() === username.toLowerCase());
  if (!found) throw new Error(`No user is named ${username}.`);
  return found.id;
}

/** For what appears on a press (a confirm button, a form): the keyboard's focus goes to it. */
export const focusOnMount = (el: HTMLElement | null) => el?.focus();

/** The screen's status line, and a runner that says what an action did or why it failed. */
export function useStatus() {
  const [status, setStatus] = useState<string | null>(null);
  const run = async (done: string | (() => string), action: () => Promise<unknown>) => {
    setStatus('Working…');
    try {
      await action();
      setStatus(typeof done === 'string' ? done : done());
      return true;
    } catch (e) {
      const m = (e as Error).message;
      setStatus(m.startsWith('No user is named') ? m : `Failed: ${m}`);
      return false;
    }
  };
  return { status, run };
}
