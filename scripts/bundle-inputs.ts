/**
 * What a function loads at cold start, by package: `npx tsx scripts/bundle-inputs.ts <function>`
 * (e.g. `incidents/get-incident`; default: the DynamoDB-client-only baseline of the benchmark).
 * Bundles everything as deployed (`bundleFunctions`), follows the function's static chunk imports
 * and sums esbuild's bytes in output per package (`node_modules/<pkg>`) or project directory.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleFunctions } from '../infra/bundle.js';
import { functionEntries } from '../infra/functions.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const target = process.argv[2] ?? 'baseline/client-only-handler';
const entries = {
  ...functionEntries(ROOT),
  'baseline/client-only-handler': join(ROOT, 'bench/cold-start/client-only-handler.ts'),
};
const outDir = mkdtempSync(join(tmpdir(), 'liaison-inputs-'));
try {
  const { metafile, eager } = await bundleFunctions({ outDir, entries });
  const outputs = new Map(Object.entries(metafile.outputs).map(([file, o]) => [basename(file), o]));
  const seen = new Set<string>();
  const walk = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const i of outputs.get(file)?.imports ?? []) {
      if (i.kind === 'import-statement' && !i.external) walk(basename(i.path));
    }
  };
  walk(`${target.replaceAll('/', '~')}.mjs`);
  const groups = new Map<string, number>();
  for (const file of seen) {
    for (const [input, { bytesInOutput }] of Object.entries(outputs.get(file)?.inputs ?? {})) {
      const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1];
      const group = pkg ?? input.replace(/^((?:shared|functions)\/[^/]+(?:\/[^/.]+)?).*/, '$1');
      groups.set(group, (groups.get(group) ?? 0) + bytesInOutput);
    }
  }
  console.log(`${target}: ${eager[target]} bytes eager`);
  for (const [group, bytes] of [...groups].sort((a, b) => b[1] - a[1]).slice(0, 40)) {
    console.log(`${String(bytes).padStart(9)}  ${group}`);
  }
} finally {
  rmSync(outDir, { recursive: true, force: true });
}
