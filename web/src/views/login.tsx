import { useState } from 'preact/hooks';
import { api, ApiError, type LoginAnswer } from '../api.js';
import type { Session } from '../session.js';

export function Login(props: { message: string | null; onLoggedIn: (s: Session) => void }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget as HTMLFormElement);
    const username = String(form.get('username') ?? '');
    setBusy(true);
    setError(null);
    try {
      const res = await api<LoginAnswer>(null, '/auth/login', {
        method: 'POST',
        body: { username, password: String(form.get('password') ?? '') },
      });
      props.onLoggedIn({
        token: res.accessToken,
        username,
        expiresAt: Date.now() + res.expiresIn * 1000,
      });
    } catch (err) {
      setError(
        err instanceof ApiError && err.status === 401
          ? 'Wrong username or password.'
          : err instanceof ApiError && err.status === 429
            ? 'Too many attempts: wait a moment and try again.'
            : 'Could not log in: is the server reachable?',
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <main class="login">
      <h1>Voltline</h1>
      <form onSubmit={submit} aria-describedby="login-status">
        <div id="login-status" role="alert">
          {error ? (
            <p class="error">{error}</p>
          ) : props.message ? (
            <p class="notice">{props.message}</p>
          ) : null}
        </div>
        <label for="username">Username</label>
        <input id="username" name="username" autocomplete="username" required />
        <label for="password">Password</label>
        <input
          id="password"
          name="password"
          type="password"
          autocomplete="current-password"
          required
        />
        <button type="submit" disabled={busy}>
          {busy ? 'Logging in…' : 'Log in'}
        </button>
      </form>
    </main>
  );
}
