import type { LiveClient } from '../live/live-client.js';

const LABELS = {
  connecting: 'Connecting…',
  live: 'Live',
  reconnecting: 'Reconnecting…',
  stopped: 'Disconnected',
} as const;

/** The state of the one /ws/users connection, read out to screen readers when it changes. */
export function ConnectionIndicator({ client }: { client: LiveClient }) {
  return (
    <span
      class={`conn conn-${client.state}`}
      role="status"
      aria-live="polite"
      data-testid="connection"
    >
      <span class="dot" aria-hidden="true" />
      {LABELS[client.state]}
      {client.state === 'live' && client.lastResume ? ` (${client.lastResume})` : ''}
    </span>
  );
}
