import { useState } from 'preact/hooks';
import { api, ApiError } from '../api.js';
import type { ChargerView } from '../live/charger-view.js';

interface CommandAnswer {
  commandId: string;
  command: string;
  status: string;
}

interface Local {
  key: number;
  command: string;
  status: string;
  commandId?: string;
}

let nextKey = 1;

const failure = (e: unknown) =>
  e instanceof ApiError
    ? ({
        409: 'Failed: the charger is offline',
        504: 'Timeout: no answer from the charger',
        403: 'Failed: you may not operate this charger',
        429: 'Failed: too many commands waiting, try again',
      }[e.status] ?? `Failed: ${e.message}`)
    : 'Failed: the server could not be reached';

/**
 * The commands of contract section 5 an operator needs at hand. Each press shows its lifecycle:
 * sending, then Sent and the charger's answer from the live CommandSent / CommandCompleted
 * events (the REST answer stands in for them until they come, and for errors that send nothing).
 */
export function Actions({ token, view }: { token: string; view: ChargerView }) {
  const [local, setLocal] = useState<Local[]>([]);
  const s = view.snapshot;
  const connectors = s.connectors.map((c) => c.connectorId);

  const send = async (command: string, body: Record<string, unknown>) => {
    const key = nextKey++;
    setLocal((l) => [{ key, command, status: 'Sending…' }, ...l].slice(0, 10));
    const update = (change: Partial<Local>) =>
      setLocal((l) => l.map((x) => (x.key === key ? { ...x, ...change } : x)));
    try {
      const res = await api<CommandAnswer>(
        token,
        `/charge-points/${encodeURIComponent(s.id)}/commands/${command}`,
        {
          method: 'POST',
          body,
        },
      );
      update({ status: res.status, commandId: res.commandId });
    } catch (e) {
      update({ status: failure(e) });
    }
  };

  const submit =
    (command: string, build: (f: FormData) => Record<string, unknown>) => (e: Event) => {
      e.preventDefault();
      void send(command, build(new FormData(e.currentTarget as HTMLFormElement)));
    };
  const int = (f: FormData, name: string) => Number(f.get(name));

  // a local entry gives way to the live one of the same command: by id once the REST answer
  // named it, before that to a live one no other local entry claims
  const live = new Set(view.commands.map((c) => c.commandId));
  const claimed = new Set(local.map((l) => l.commandId));
  const unclaimed = view.commands.filter((c) => !claimed.has(c.commandId)).map((c) => c.command);
  const shown = local.filter((l) => {
    if (l.commandId) return !live.has(l.commandId);
    const i = unclaimed.indexOf(l.command);
    if (i < 0) return true;
    unclaimed.splice(i, 1);
    return false;
  });
  const lifecycle = [
    ...shown.map((l) => ({ id: `l${l.key}`, ...l })),
    ...view.commands.map((c) => ({
      id: c.commandId,
      command: c.command,
      status: c.error ? `${c.status} (${c.error})` : c.status,
    })),
  ];

  return (
    <section class="actions" aria-labelledby="actions-title">
      <h2 id="actions-title">Actions</h2>
      <div class="forms">
        <form
          onSubmit={submit('start-transaction', (f) => ({
            connectorId: int(f, 'connectorId'),
            idTag: String(f.get('idTag')),
          }))}
        >
          <fieldset>
            <legend>Start charging</legend>
            <label for="start-connector">Connector</label>
            <select id="start-connector" name="connectorId">
              {connectors.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
            <label for="start-idtag">Id tag</label>
            <input id="start-idtag" name="idTag" required maxLength={20} autocomplete="off" />
            <button type="submit">Start</button>
          </fieldset>
        </form>

        <fieldset>
          <legend>Stop charging</legend>
          {s.connectors.filter((c) => c.transaction).length === 0 && (
            <p class="muted">No transaction running.</p>
          )}
          {s.connectors.map((c) =>
            c.transaction ? (
              <button
                type="button"
                key={c.connectorId}
                onClick={() => void send('stop-transaction', { transactionId: c.transaction?.id })}
              >
                Stop transaction {c.transaction.id} on connector {c.connectorId}
              </button>
            ) : null,
          )}
        </fieldset>

        <form
          onSubmit={submit('unlock-connector', (f) => ({ connectorId: int(f, 'connectorId') }))}
        >
          <fieldset>
            <legend>Unlock a connector</legend>
            <label for="unlock-connector">Connector</label>
            <select id="unlock-connector" name="connectorId">
              {connectors.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
            <button type="submit">Unlock</button>
          </fieldset>
        </form>

        <form
          onSubmit={submit('change-availability', (f) => ({
            connectorId: int(f, 'connectorId'),
            type: String(f.get('type')),
          }))}
        >
          <fieldset>
            <legend>Availability</legend>
            <label for="availability-connector">Connector</label>
            <select id="availability-connector" name="connectorId">
              <option value="0">0 (whole charger)</option>
              {connectors.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
            <label for="availability-type">Set to</label>
            <select id="availability-type" name="type">
              <option value="Operative">Operative</option>
              <option value="Inoperative">Inoperative</option>
            </select>
            <button type="submit">Apply</button>
          </fieldset>
        </form>

        <form onSubmit={submit('reset', (f) => ({ type: String(f.get('type')) }))}>
          <fieldset>
            <legend>Reset</legend>
            <label for="reset-type">Kind</label>
            <select id="reset-type" name="type">
              <option value="Soft">Soft (restart the software)</option>
              <option value="Hard">Hard (reboot)</option>
            </select>
            <button type="submit">Reset</button>
          </fieldset>
        </form>
      </div>

      <h3>Commands</h3>
      <ol class="commands" aria-live="polite" data-testid="commands">
        {lifecycle.length === 0 && <li class="muted">None sent yet.</li>}
        {lifecycle.map((c) => (
          <li key={c.id} data-command={c.command}>
            <strong>{c.command}</strong>: <span data-field="status">{c.status}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
