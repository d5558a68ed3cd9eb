import { useEffect, useReducer } from 'preact/hooks';
import type { LiveClient } from './live/live-client.js';

/** Re-renders the calling component whenever the live client's state changes. */
export function useLive(client: LiveClient): void {
  const [, bump] = useReducer((n: number) => n + 1, 0);
  useEffect(() => client.onChange(() => bump(undefined)), [client]);
}

/** The route, from the URL's hash: `#/` (my chargers) or `#/charge-points/{id}`. */
export function useHashRoute(): string {
  const [, bump] = useReducer((n: number) => n + 1, 0);
  useEffect(() => {
    const onChange = () => bump(undefined);
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return location.hash.replace(/^#/, '') || '/';
}
