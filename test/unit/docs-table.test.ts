/** The docs describe the table `shared/db/table.ts` defines: as many GSIs, with their names. */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TABLE } from '../../shared/db/table.js';

const ROOT = resolve(import.meta.dirname, '../..');
const doc = (name: string) => readFileSync(join(ROOT, 'docs', name), 'utf8');
const WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];
const count = TABLE.indexes.length;
const countPattern = new RegExp(
  `\\b(${count}|${WORDS[count]})\\b[^.|]*\\b(GSIs|global secondary indexes)`,
  'i',
);
/** Any other count of GSIs ("3 GSIs", "four generic GSIs") is a stale sentence. */
const anyCount =
  /\b(\d+|zero|one|two|three|four|five|six|seven|eight|nine|ten)\s+(?:[a-z-]+\s+)?(GSIs|global secondary indexes)\b/gi;

describe('docs agree with shared/db/table.ts', () => {
  for (const name of ['data-model.md', 'decisions.md', 'architecture.md']) {
    it(`${name} counts ${count} GSIs and names none other`, () => {
      const text = doc(name);
      expect(text).toMatch(countPattern);
      for (const m of text.matchAll(anyCount)) {
        const n = /^\d+$/.test(m[1] as string) ? Number(m[1]) : WORDS.indexOf((m[1] as string).toLowerCase());
        expect(n, m[0]).toBe(count);
      }
    });
  }

  it('data-model.md names every index', () => {
    const text = doc('data-model.md');
    for (const index of TABLE.indexes) expect(text).toContain(`\`${index.name}\``);
  });
});
