import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { envSchema, validateEnv } from '../src/config/env.schema.js';

// The project carries its own reference (README and docs/): these hold it to the code and to
// itself. A clone from GitHub has nothing outside this repository, so no link may leave it.

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

/** Every Markdown file a reader of the repository meets (node_modules and outputs left out). */
function markdownFiles(): string[] {
  const found = ['README.md', 'BENCHMARKS.md', 'docker/README.md'].filter((f) =>
    existsSync(join(ROOT, f)),
  );
  for (const name of readdirSync(join(ROOT, 'docs'))) {
    if (name.endsWith('.md')) found.push(`docs/${name}`);
  }
  return found;
}

/** [text](target) links, outside fenced code blocks and inline code. */
function linksOf(markdown: string): string[] {
  const prose = markdown.replace(/^```[\s\S]*?^```/gm, '').replace(/`[^`\n]*`/g, '');
  return [...prose.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]);
}

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces as hyphens. */
function anchorsOf(markdown: string): Set<string> {
  const prose = markdown.replace(/^```[\s\S]*?^```/gm, '');
  return new Set(
    [...prose.matchAll(/^#{1,6} (.+)$/gm)].map((m) =>
      m[1]
        .trim()
        .toLowerCase()
        .replace(/[^\p{L}\p{N} _-]/gu, '')
        .replace(/ /g, '-'),
    ),
  );
}

describe('links in README and docs/', () => {
  const files = markdownFiles();

  it('finds the documents', () => {
    expect(files).toEqual(
      expect.arrayContaining([
        'README.md',
        'docs/README.md',
        'docs/configuration.md',
        'docs/ocpp.md',
        'docs/rest-api.md',
        'docs/realtime-api.md',
      ]),
    );
  });

  it.each(files)('%s links only to files of this repository that exist', (file) => {
    const problems: string[] = [];
    for (const link of linksOf(read(file))) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(link)) {
        problems.push(`${link}: leaves the repository`);
        continue;
      }
      const [path, anchor] = link.split('#');
      const target = path
        ? resolve(ROOT, dirname(file), decodeURIComponent(path))
        : join(ROOT, file);
      const inside = relative(ROOT, target);
      if (inside.startsWith('..') || inside.startsWith(sep)) {
        problems.push(`${link}: leaves the repository`);
      } else if (!existsSync(target)) {
        problems.push(`${link}: no such file`);
      } else if (anchor && target.endsWith('.md') && statSync(target).isFile()) {
        if (!anchorsOf(readFileSync(target, 'utf8')).has(anchor))
          problems.push(`${link}: no heading #${anchor} in ${inside}`);
      }
    }
    expect(problems).toEqual([]);
  });
});

describe('docs/configuration.md', () => {
  const doc = read('docs/configuration.md');
  const rows = new Map(
    [...doc.matchAll(/^\| `([A-Z][A-Z0-9_]+)` \| ([^|]+) \|/gm)].map((m) => [m[1], m[2].trim()]),
  );
  const variables = Object.keys(envSchema.shape);
  const defaults = validateEnv({}) as Record<string, unknown>;

  it('has a row for every variable of src/config/env.schema.ts', () => {
    expect(variables.filter((v) => !rows.has(v))).toEqual([]);
  });

  it('lists no server variable the schema does not know', () => {
    const notServer = doc.slice(doc.indexOf('## Not read by the server'));
    const extra = [...rows.keys()].filter(
      (v) => !variables.includes(v) && !notServer.includes(`| \`${v}\` |`),
    );
    expect(extra).toEqual([]);
  });

  it.each(Object.keys(envSchema.shape))('gives the default of %s as the code has it', (name) => {
    const cell = rows.get(name) ?? '';
    const value = defaults[name];
    if (value === undefined) expect(cell).toMatch(/^unset/);
    else if (typeof value === 'number') expect(Number(/^\d+/.exec(cell)?.[0])).toBe(value);
    else if (typeof value === 'boolean') expect(cell).toBe(String(value));
    else if (value === '') expect(cell).toMatch(/^empty/);
    else expect(cell).toBe(`\`${String(value)}\``);
  });
});
