// Values out of a Prometheus text exposition (what /metrics answers): the first sample of a
// metric whose labels include the given ones.

export function promValue(
  text: string,
  name: string,
  labels: Record<string, string> = {},
): number | undefined {
  for (const line of text.split('\n')) {
    if (line.startsWith('#') || !line.startsWith(name)) continue;
    const rest = line.slice(name.length);
    if (rest[0] !== ' ' && rest[0] !== '{') continue; // a longer name with the same prefix
    const close = rest.startsWith('{') ? rest.indexOf('}') : -1;
    const labelText = close >= 0 ? rest.slice(1, close) : '';
    const matches = Object.entries(labels).every(([k, v]) =>
      labelText.split(',').includes(`${k}="${v}"`),
    );
    if (!matches) continue;
    const value = Number(
      rest
        .slice(close + 1)
        .trim()
        .split(' ')[0],
    );
    if (!Number.isNaN(value)) return value;
  }
  return undefined;
}
