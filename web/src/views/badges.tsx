// Status shown as words, with colour only as a second cue.

export function OnlineBadge({ online }: { online: boolean }) {
  return (
    <span class={`badge ${online ? 'ok' : 'off'}`} data-field="online">
      {online ? 'Online' : 'Offline'}
    </span>
  );
}

const TONE: Record<string, string> = {
  Available: 'ok',
  Charging: 'busy',
  Preparing: 'busy',
  SuspendedEV: 'busy',
  SuspendedEVSE: 'busy',
  Finishing: 'busy',
  Reserved: 'busy',
  Faulted: 'bad',
  Unavailable: 'off',
};

export function StatusBadge({ status }: { status: string }) {
  return (
    <span class={`badge ${TONE[status] ?? 'off'}`} data-field="status">
      {status}
    </span>
  );
}
