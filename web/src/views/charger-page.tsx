import { useEffect, useState } from 'preact/hooks';
import { api } from '../api.js';
import { formatEnergy, formatPower } from '../live/charger-view.js';
import type { LiveClient } from '../live/live-client.js';
import type { Access } from '../live/types.js';
import { Actions } from './actions.js';
import { OnlineBadge, StatusBadge } from './badges.js';
import { Grants } from './grants.js';
import { PowerChart } from './power-chart.js';
import { PowerHistory } from './power-history.js';
import { Transactions } from './transactions.js';

const ACCESS_LABELS: Record<Access, string> = {
  admin: 'admin',
  owner: 'owner',
  operator: 'operate (granted)',
  grantee: 'view only (granted)',
};

interface AccessAnswer {
  access: Access;
  mayOperate: boolean;
}

/** One charger: its connectors, live power, the last events, and actions for operators. */
export function ChargerPage({
  client,
  token,
  id,
}: {
  client: LiveClient;
  token: string;
  id: string;
}) {
  const [access, setAccess] = useState<AccessAnswer | null>(null);
  const view = client.views.get(id);
  const gone = client.gone.has(id);

  useEffect(() => client.follow([id]), [client, id]);
  // asked again with every fresh snapshot: a grant may have changed meanwhile
  const fresh = view?.log.find((l) => l.event === 'snapshot')?.at;
  useEffect(() => {
    if (gone) return setAccess(null);
    api<AccessAnswer>(token, `/charge-points/${encodeURIComponent(id)}/access`).then(
      setAccess,
      () => setAccess(null),
    );
  }, [token, id, fresh, gone]);

  if (gone)
    return (
      <section>
        <h1>{id}</h1>
        <p>
          This charger is not available to you. <a href="#/">Back to my chargers</a>
        </p>
      </section>
    );
  if (!view) return <p>Loading {id}…</p>;
  const s = view.snapshot;

  return (
    <section aria-labelledby="charger-title" data-charger={s.id}>
      <p>
        <a href="#/">← My chargers</a>
      </p>
      <h1 id="charger-title">
        {s.id} <OnlineBadge online={s.online} />
      </h1>
      <p class="muted">
        {[s.vendor, s.model, s.firmwareVersion && `firmware ${s.firmwareVersion}`]
          .filter(Boolean)
          .join(' · ') || 'Not booted yet'}
        {view.stationStatus && ` · station ${view.stationStatus}`}
        {s.lastSeenAt && ` · last seen ${new Date(s.lastSeenAt).toLocaleString()}`}
      </p>
      {access && <p data-field="access">Your access: {ACCESS_LABELS[access.access]}</p>}

      <h2>Connectors</h2>
      <div class="scroll">
        <table class="connectors">
          <thead>
            <tr>
              <th scope="col">Connector</th>
              <th scope="col">Type</th>
              <th scope="col">Max power</th>
              <th scope="col">Status</th>
              <th scope="col">Power</th>
              <th scope="col">Energy</th>
              <th scope="col">Transaction</th>
            </tr>
          </thead>
          <tbody>
            {s.connectors.map((c) => (
              <tr key={c.connectorId} data-connector={c.connectorId}>
                <th scope="row">{c.connectorId}</th>
                <td>{c.type ?? '–'}</td>
                <td>{formatPower(c.maxPowerW)}</td>
                <td>
                  <StatusBadge status={c.status} />
                  {c.errorCode !== 'NoError' && <span class="muted"> {c.errorCode}</span>}
                </td>
                <td data-field="power">{formatPower(c.powerW)}</td>
                <td data-field="energy">{formatEnergy(c.energyWh)}</td>
                <td data-field="transaction">
                  {c.transaction
                    ? `#${c.transaction.id}${c.transaction.idTag ? ` (${c.transaction.idTag})` : ''} since ${new Date(c.transaction.startedAt).toLocaleTimeString()}`
                    : 'None'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h2>Power, last 15 minutes</h2>
      <PowerChart view={view} />
      <PowerHistory token={token} chargePointId={s.id} />
      <Transactions
        token={token}
        chargePointId={s.id}
        changed={s.connectors.map((c) => c.transaction?.id ?? '-').join()}
      />

      {access?.mayOperate && <Actions token={token} view={view} />}
      {(access?.access === 'owner' || access?.access === 'admin') && (
        <Grants token={token} chargePointId={s.id} />
      )}

      <h2>Last events</h2>
      <ol
        class="events"
        aria-live="polite"
        aria-relevant="additions"
        aria-label="Last events, newest first"
        tabIndex={0}
        data-testid="events"
      >
        {view.log.map((l, i) => (
          <li key={`${l.seq}-${i}`} data-seq={l.seq ?? ''}>
            <time dateTime={l.at}>{new Date(l.at).toLocaleTimeString()}</time>
            {l.seq !== null && <span class="seq">#{l.seq}</span>} {l.text}
          </li>
        ))}
      </ol>
    </section>
  );
}
