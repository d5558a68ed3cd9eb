// The user's token, kept for the browser tab's session only (sessionStorage: gone when the tab
// closes, never shared with other sites), with its expiry so that the page can tell the user
// when it ran out instead of failing quietly.

export interface Session {
  token: string;
  username: string;
  expiresAt: number;
}

const KEY = 'voltline.session';

export function loadSession(): Session | null {
  try {
    const raw = sessionStorage.getItem(KEY);
    if (!raw) return null;
    const s = JSON.parse(raw) as Session;
    return s.expiresAt > Date.now() ? s : (clearSession(), null);
  } catch {
    return null;
  }
}

export function saveSession(s: Session): void {
  sessionStorage.setItem(KEY, JSON.stringify(s));
}

export function clearSession(): void {
  sessionStorage.removeItem(KEY);
}
