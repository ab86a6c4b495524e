// Bundle budget report (run by `npm run web:build`): the initial JavaScript (the entry and what it
// imports statically) must stay within 300 KB gzip; each route chunk is listed with its size.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGET = 300 * 1024;
const dist = join(import.meta.dirname, 'dist');
const manifest = JSON.parse(readFileSync(join(dist, '.vite', 'manifest.json'), 'utf8'));
const size = (file) => {
  const bytes = readFileSync(join(dist, file));
  return { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
};
const entryKey = Object.keys(manifest).find((k) => manifest[k].isEntry);
const initial = new Set();
const walk = (key) => {
  const chunk = manifest[key];
  if (!chunk || initial.has(chunk.file)) return;
  initial.add(chunk.file);
  for (const i of chunk.imports ?? []) walk(i);
};
walk(entryKey);
const initialSize = [...initial].reduce(
  (s, f) => ({ raw: s.raw + size(f).raw, gzip: s.gzip + size(f).gzip }),
  {
    raw: 0,
    gzip: 0,
  },
);
const routes = Object.entries(manifest)
  .filter(([, c]) => c.isDynamicEntry)
  .map(([src, c]) => ({ src, file: c.file, ...size(c.file) }))
  .sort((a, b) => a.src.localeCompare(b.src));
const report = { budgetGzip: BUDGET, initial: { files: [...initial], ...initialSize }, routes };
writeFileSync(join(dist, 'bundle-report.json'), `${JSON.stringify(report, null, 2)}\n`);
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
console.log(
  `initial JS: ${kb(initialSize.raw)} raw, ${kb(initialSize.gzip)} gzip (budget ${kb(BUDGET)} gzip)`,
);
for (const r of routes) console.log(`  chunk ${r.src}: ${kb(r.raw)} raw, ${kb(r.gzip)} gzip`);
if (initialSize.gzip > BUDGET) {
  console.error('initial JavaScript is over the budget');
  process.exit(1);
}
