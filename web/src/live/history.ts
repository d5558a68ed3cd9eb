// What the charger page's history views compute from the operator API's answers.

export interface Transaction {
  id: number;
  connectorId: number;
  idTag: string | null;
  status: 'active' | 'completed';
  startedAt: string;
  stoppedAt: string | null;
  energyWh: number | null;
  durationS: number;
  stopReason: string | null;
}

export interface TransactionPage {
  items: Transaction[];
  nextCursor: string | null;
}

export const TRANSACTIONS_PAGE = 5;

/** "1 h 30 min", "12 min", "40 s". */
export function formatDuration(s: number): string {
  if (s < 60) return `${Math.max(0, Math.round(s))} s`;
  const m = Math.floor(s / 60);
  return m < 60 ? `${m} min` : `${Math.floor(m / 60)} h ${m % 60} min`;
}

/** Newest first by id; a fresher copy of a row replaces the one held. */
export function mergeTransactions(held: Transaction[], fresh: Transaction[]): Transaction[] {
  const byId = new Map(held.map((t) => [t.id, t]));
  for (const t of fresh) byId.set(t.id, t);
  return [...byId.values()].sort((a, b) => b.id - a.id);
}
