import { envSchema } from './env.schema.js';

// Variables Voltline does not read but that belong to it: docker/compose.yaml's published port.
const ALSO_OURS = ['VOLTLINE_PORT'];

const KNOWN = [...Object.keys(envSchema.shape), ...ALSO_OURS];

// The prefixes of our variables (OCPP_, REALTIME_, ...): a variable with one of them that we do
// not know is a misspelling or a leftover. NODE_ is Node's own (NODE_OPTIONS, ...).
const PREFIXES = [
  'VOLTLINE_',
  ...new Set(KNOWN.filter((k) => k.includes('_')).map((k) => `${k.split('_')[0]}_`)),
].filter((p) => p !== 'NODE_');

/**
 * One warning per variable that looks like Voltline's but is not read: it has one of our
 * prefixes, or it is one typo away from one of our names (PROT for PORT). Each names the closest
 * known variable when there is a plausible one. Blank values count too: a typo is a typo.
 */
export function unknownVariableWarnings(raw: Record<string, string | undefined>): string[] {
  const known = new Set(KNOWN);
  const warnings: string[] = [];
  for (const name of Object.keys(raw).sort()) {
    if (known.has(name)) continue;
    const closest = closestKnown(name);
    const prefixed = PREFIXES.some((p) => name.startsWith(p));
    if (!prefixed && !(closest && closest.distance === 1)) continue;
    warnings.push(
      `${name} is not a Voltline setting and is ignored` +
        (closest ? `: did you mean ${closest.name}?` : ' (docs/configuration.md lists them)'),
    );
  }
  return warnings;
}

function closestKnown(name: string): { name: string; distance: number } | undefined {
  const bare = name.startsWith('VOLTLINE_') ? name.slice('VOLTLINE_'.length) : name;
  let best: { name: string; distance: number } | undefined;
  for (const candidate of KNOWN) {
    if (ALSO_OURS.includes(candidate)) continue;
    const distance = Math.min(editDistance(name, candidate), editDistance(bare, candidate));
    if (!best || distance < best.distance) best = { name: candidate, distance };
  }
  // a suggestion is worth giving when it is a few typos away, not a different word
  const allowed = Math.max(1, Math.floor(bare.length / 4));
  return best && best.distance <= allowed ? best : undefined;
}

/** Optimal string alignment distance: insertions, deletions, substitutions, transpositions. */
export function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.length][b.length];
}
