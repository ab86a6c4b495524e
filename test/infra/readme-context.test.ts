/** Every CDK context key the app reads is documented in README "## Deploying to AWS" (its context table). */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT_DIR } from '../../infra/app.js';

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

const infra = sources(join(ROOT_DIR, 'infra')).map((file) => readFileSync(file, 'utf8'));

/** Keys passed literally to tryGetContext / getContext or to app.ts's stringContext / numberContext. */
const LITERAL =
  /\b(?:tryGetContext|getContext|stringContext|numberContext)\(\s*(?:[A-Za-z_$][\w$]*\s*,\s*)?'([^']+)'/g;
const keysRead = [...new Set(infra.flatMap((src) => [...src.matchAll(LITERAL)].map((m) => m[1] as string)))];

/** The first column of the context table of README "## Deploying to AWS": `a`, `b` → a, b. */
function documentedKeys(): string[] {
  const readme = readFileSync(join(ROOT_DIR, 'README.md'), 'utf8');
  const section = readme.split(/^## /m).find((s) => s.startsWith('Deploying to AWS'));
  if (!section) throw new Error('README has no "## Deploying to AWS" section');
  const header = section.indexOf('| context |');
  if (header < 0) throw new Error('README "Deploying to AWS" has no "| context |" table');
  const rows = section.slice(header).split('\n').slice(2);
  const table = rows.slice(
    0,
    rows.findIndex((r) => !r.startsWith('|')),
  );
  return table.flatMap((row) =>
    [...(row.split('|')[1] ?? '').matchAll(/`([^`]+)`/g)].map((m) => m[1] as string),
  );
}

describe('README context table', () => {
  it('finds the context keys the app reads (the scan works)', () => {
    expect(keysRead).toEqual(
      expect.arrayContaining([
        'stage',
        'jurisdictions',
        'holidays',
        'throttleRate',
        'alarmEmail',
        'oidcIssuer',
      ]),
    );
  });

  it('reads context only through literal keys (so the scan sees every one)', () => {
    const calls = infra.flatMap((src) => [...src.matchAll(/\b(?:tryGetContext|getContext)\(\s*([^)]*)\)/g)]);
    const nonLiteral = calls.map((m) => (m[1] as string).trim()).filter((arg) => !arg.startsWith("'"));
    expect(nonLiteral).toEqual(['key']); // stringContext(app, key) in infra/app.ts, called with literals
  });

  it('documents every context key read under infra/', () => {
    const documented = documentedKeys();
    expect(keysRead.filter((key) => !documented.includes(key))).toEqual([]);
  });
});
