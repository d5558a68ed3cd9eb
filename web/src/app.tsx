import { useEffect, useMemo, useState } from 'preact/hooks';
import { api, type Me, onUnauthorized } from './api.js';
import { LiveClient } from './live/live-client.js';
import { clearSession, loadSession, saveSession, type Session } from './session.js';
import { useHashRoute, useLive } from './use-live.js';
import { ChargerList } from './views/charger-list.js';
import { ChargerPage } from './views/charger-page.js';
import { ConnectionIndicator } from './views/connection-indicator.js';
import { Login } from './views/login.js';

export function App() {
  const [session, setSession] = useState<Session | null>(loadSession);
  const [message, setMessage] = useState<string | null>(null);

  const logOut = (why: string | null) => {
    clearSession();
    setSession(null);
    setMessage(why);
  };
  const expire = () => logOut('Your session has expired. Please log in again.');
  onUnauthorized(expire);

  // the token's own end: back to the login form, with a word why
  useEffect(() => {
    if (!session) return;
    const t = setTimeout(expire, Math.max(0, session.expiresAt - Date.now()));
    return () => clearTimeout(t);
  }, [session]);

  if (!session)
    return (
      <Login
        message={message}
        onLoggedIn={(s) => {
          saveSession(s);
          setMessage(null);
          setSession(s);
        }}
      />
    );
  return (
    <Dashboard
      session={session}
      onLogOut={() => logOut('You are logged out.')}
      onExpired={expire}
    />
  );
}

function Dashboard(props: { session: Session; onLogOut: () => void; onExpired: () => void }) {
  const { session } = props;
  const client = useMemo(
    () =>
      new LiveClient({
        url: `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws/users`,
        token: session.token,
        onExpired: props.onExpired,
        checkToken: () =>
          api(session.token, '/users/me').then(
            () => true,
            (e: { status?: number }) => e.status !== 401,
          ),
      }),
    [session.token],
  );
  useEffect(() => () => client.stop(), [client]);
  useLive(client);
  // the role decides whether the admin screens are offered (the API checks it on every call)
  const [me, setMe] = useState<Me | null>(null);
  const [meFailed, setMeFailed] = useState(false);
  useEffect(() => {
    api<Me>(session.token, '/users/me').then(setMe, () => setMeFailed(true));
  }, [session.token]);
  const route = useHashRoute();
  const chargerId = /^\/charge-points\/([^/]+)$/.exec(route)?.[1];
  const adminScreen = /^\/admin(?:\/([^/]*))?$/.exec(route);

  return (
    <>
      <header class="top">
        <a class="brand" href="#/">
          Voltline
        </a>
        {me?.role === 'admin' && (
          <a href="#/admin/users" aria-current={adminScreen ? 'page' : undefined}>
            Admin
          </a>
        )}
        <ConnectionIndicator client={client} />
        <span class="who">{session.username}</span>
        <button type="button" onClick={props.onLogOut}>
          Log out
        </button>
      </header>
      <div class="notices" role="alert">
        {client.notices.map((n) => (
          <p class="notice" key={n.id}>
            {n.text}{' '}
            <button type="button" class="link" onClick={() => client.dismiss(n.id)}>
              Dismiss
            </button>
          </p>
        ))}
      </div>
      <main>
        {adminScreen ? (
          me === null ? (
            <p role={meFailed ? 'alert' : undefined}>
              {meFailed ? 'Could not ask the server who you are: reload the page.' : 'Loading…'}
            </p>
          ) : me.role === 'admin' ? (
            <LazyAdmin token={session.token} screen={adminScreen[1] ?? 'users'} />
          ) : (
            <p>
              Only admins manage users, chargers and id tags. <a href="#/">Back to my chargers</a>
            </p>
          )
        ) : chargerId ? (
          <ChargerPage client={client} token={session.token} id={decodeURIComponent(chargerId)} />
        ) : (
          <ChargerList client={client} token={session.token} />
        )}
      </main>
    </>
  );
}

type AdminModule = typeof import('./views/admin/admin.js');
let adminModule: Promise<AdminModule> | null = null;

/** The admin screens, a chunk of their own: only admins who open them download it. */
function LazyAdmin(props: { token: string; screen: string }) {
  const [mod, setMod] = useState<AdminModule | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    adminModule ??= import('./views/admin/admin.js');
    adminModule.then(setMod, () => {
      adminModule = null;
      setFailed(true);
    });
  }, []);
  if (failed)
    return <p role="alert">Could not load the admin screens. Reload the page to try again.</p>;
  return mod ? <mod.Admin {...props} /> : <p>Loading…</p>;
}
