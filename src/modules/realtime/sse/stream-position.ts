import { isValidChargePointId } from '../../../common/contracts/charge-point-id.js';

// An SSE stream's position: the last seq the client saw of every charger it follows, written as
// the `id:` of each message (`CP_A:42,CP_B:17`) so that the browser sends it back as
// Last-Event-ID on reconnect. Charger ids cannot hold `:` or `,` (contract section 1).

export function formatPosition(position: ReadonlyMap<string, number>): string {
  return [...position].map(([id, seq]) => `${id}:${seq}`).join(',');
}

/** Reads a Last-Event-ID; what cannot be read is left out (the charger then gets a snapshot). */
export function parsePosition(header: string | undefined, max: number): Map<string, number> {
  const position = new Map<string, number>();
  if (!header || header.length > 64 * 1024) return position;
  for (const part of header.split(',')) {
    const at = part.lastIndexOf(':');
    const id = part.slice(0, at).trim();
    const seq = Number(part.slice(at + 1));
    if (at < 0 || !isValidChargePointId(id) || !Number.isSafeInteger(seq) || seq < 0) continue;
    position.set(id, seq);
    if (position.size >= max) break;
  }
  return position;
}
