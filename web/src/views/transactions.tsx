import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../api.js';
import { formatEnergy } from '../live/charger-view.js';
import {
  formatDuration,
  mergeTransactions,
  type Transaction,
  type TransactionPage as Page,
  TRANSACTIONS_PAGE,
} from '../live/history.js';

/**
 * The charger's transactions, newest first, a page at a time. `changed` moves on whenever a
 * transaction starts or stops on the charger (from the live events): the first page is asked
 * again and merged in, so that the pages already shown stay.
 */
export function Transactions(props: { token: string; chargePointId: string; changed: string }) {
  const { token, chargePointId, changed } = props;
  const [rows, setRows] = useState<Transaction[] | null>(null);
  // undefined: no page yet; null: every page shown
  const [cursor, setCursor] = useState<string | null | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);

  // answers to the first page can cross (a start then a stop): only the last asked is applied
  const asked = useRef(0);
  const load = async (after: string | null) => {
    const n = after ? asked.current : ++asked.current;
    try {
      const q = new URLSearchParams({ chargePointId, limit: String(TRANSACTIONS_PAGE) });
      if (after) q.set('cursor', after);
      const page = await api<Page>(token, `/transactions?${q}`);
      if (n !== asked.current) return;
      setRows((held) => mergeTransactions(held ?? [], page.items));
      // the first page asked again keeps the cursor of the deepest page already shown
      setCursor((c) => (after || c === undefined ? page.nextCursor : c));
      setError(null);
    } catch (e) {
      setError(`Could not load the transactions: ${(e as Error).message}`);
    }
  };
  useEffect(() => {
    setRows(null);
    setCursor(undefined);
  }, [token, chargePointId]);
  useEffect(() => void load(null), [token, chargePointId, changed]);

  return (
    <section aria-labelledby="transactions-title">
      <h2 id="transactions-title">Transactions</h2>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {rows === null && !error && <p>Loading…</p>}
      {rows?.length === 0 && <p class="muted">No transaction yet.</p>}
      {rows && rows.length > 0 && (
        <div class="scroll" role="region" aria-label="Transaction list" tabIndex={0}>
          <table class="transactions">
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">Connector</th>
                <th scope="col">Started</th>
                <th scope="col">Duration</th>
                <th scope="col">Energy</th>
                <th scope="col">Id tag</th>
                <th scope="col">Stop reason</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((t) => (
                <tr key={t.id} data-transaction={t.id}>
                  <th scope="row">{t.id}</th>
                  <td>{t.connectorId}</td>
                  <td>
                    <time dateTime={t.startedAt}>{new Date(t.startedAt).toLocaleString()}</time>
                  </td>
                  <td data-field="duration">
                    {formatDuration(t.durationS)}
                    {t.status === 'active' && ' so far'}
                  </td>
                  <td data-field="energy">{formatEnergy(t.energyWh)}</td>
                  <td data-field="id-tag">{t.idTag ?? <span class="muted">not shown</span>}</td>
                  <td data-field="stop-reason">
                    {t.status === 'active' ? 'Running' : (t.stopReason ?? '–')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {cursor && (
        <button type="button" onClick={() => void load(cursor)}>
          More transactions
        </button>
      )}
    </section>
  );
}
