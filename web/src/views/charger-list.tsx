import { useEffect, useState } from 'preact/hooks';
import { api } from '../api.js';
import { formatEnergy, formatPower } from '../live/charger-view.js';
import type { LiveClient } from '../live/live-client.js';
import type { ChargerSnapshot } from '../live/types.js';
import { OnlineBadge, StatusBadge } from './badges.js';

type Page = ChargerSnapshot[] | { items: ChargerSnapshot[]; nextCursor: string | null };

/** My chargers: every visible charger, live; searchable; paged where the API pages. */
export function ChargerList({ client, token }: { client: LiveClient; token: string }) {
  const [listed, setListed] = useState<ChargerSnapshot[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [search, setSearch] = useState('');

  const load = async (after: string | null) => {
    try {
      const page = await api<Page>(
        token,
        `/charge-points${after ? `?cursor=${encodeURIComponent(after)}` : ''}`,
      );
      const items = Array.isArray(page) ? page : page.items;
      setCursor(Array.isArray(page) ? null : page.nextCursor);
      setListed((prev) => [...(after ? (prev ?? []) : []), ...items]);
      client.follow(items.map((c) => c.id));
    } catch (e) {
      setError((e as Error).message);
    }
  };
  useEffect(() => void load(null), [token]);

  const term = search.trim().toLowerCase();
  const rows = (listed ?? [])
    .filter((c) => !client.gone.has(c.id))
    .map((c) => client.views.get(c.id)?.snapshot ?? c)
    .filter((c) => !term || [c.id, c.vendor, c.model].some((v) => v?.toLowerCase().includes(term)));

  return (
    <section aria-labelledby="my-chargers">
      <div class="bar">
        <h1 id="my-chargers">My chargers</h1>
        <label class="search">
          <span class="sr-only">Search chargers</span>
          <input
            type="search"
            placeholder="Search by id, vendor, model"
            value={search}
            onInput={(e) => setSearch((e.currentTarget as HTMLInputElement).value)}
          />
        </label>
      </div>
      {error && (
        <p class="error" role="alert">
          Could not load the chargers: {error}
        </p>
      )}
      {listed === null && !error && <p>Loading…</p>}
      {listed !== null && rows.length === 0 && <p>No charger to show.</p>}
      <ul class="cards">
        {rows.map((c) => (
          <li class="card" key={c.id} data-charger={c.id}>
            <h2>
              <a href={`#/charge-points/${encodeURIComponent(c.id)}`}>{c.id}</a>{' '}
              <OnlineBadge online={c.online} />
            </h2>
            <p class="muted">{[c.vendor, c.model].filter(Boolean).join(' ') || 'Not booted yet'}</p>
            <table>
              <caption class="sr-only">Connectors of {c.id}</caption>
              <thead>
                <tr>
                  <th scope="col">Connector</th>
                  <th scope="col">Status</th>
                  <th scope="col">Power</th>
                  <th scope="col">Energy</th>
                </tr>
              </thead>
              <tbody>
                {c.connectors.map((k) => (
                  <tr key={k.connectorId} data-connector={k.connectorId}>
                    <th scope="row">{k.connectorId}</th>
                    <td>
                      <StatusBadge status={k.status} />
                    </td>
                    <td data-field="power">{formatPower(k.powerW)}</td>
                    <td data-field="energy">{formatEnergy(k.energyWh)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </li>
        ))}
      </ul>
      {cursor && (
        <button type="button" onClick={() => void load(cursor)}>
          Show more
        </button>
      )}
    </section>
  );
}
