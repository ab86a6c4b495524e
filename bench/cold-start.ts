/**
 * Cold start: every function bundled exactly as deployed (`bundleFunctions`, one esbuild call,
 * minified), beside two baselines (an empty handler; a handler that only creates the DynamoDB
 * document client). Module initialization = a fresh Node process timing `import()` of the bundle
 * (Node's own start-up excluded), median of several runs.
 */
import { execFile } from 'node:child_process';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Metafile } from 'esbuild';
import { bundleFunctions } from '../infra/bundle.js';
import { functionEntries } from '../infra/functions.js';
import { median } from './metrics.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const EMPTY = 'baseline/empty-handler';
export const CLIENT_ONLY = 'baseline/client-only-handler';

export interface ColdStart {
  readonly name: string;
  /** Bytes loaded at module initialization: index.mjs + the chunks it imports statically. */
  readonly bytes: number;
  /** Bytes of the whole asset (eager + chunks loaded by `import()` on first use). */
  readonly totalBytes: number;
  readonly initMs: number;
  readonly runs: number[];
  /**
   * What the eager bytes hold beyond the DynamoDB-client-only handler, largest first (bytes in
   * output per group: zod, the SNS/Scheduler clients, Powertools, project directories …): the
   * measured reason when a function stays above the target.
   */
  readonly beyondClientOnly: readonly { readonly group: string; readonly bytes: number }[];
}

/** The group of one esbuild input: its package, or a project directory (`shared/domain`, …). */
function groupOf(input: string): string {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1];
  if (pkg) return pkg.startsWith('@aws-lambda-powertools/') ? 'Powertools' : pkg;
  if (input.endsWith('openapi.json')) return 'docs/openapi.json';
  return /^(shared\/[^/.]+|functions)/.exec(input)?.[1] ?? input;
}

/** Bytes in output per group of everything a staging file loads eagerly (its static imports). */
function eagerGroups(metafile: Metafile, entryFile: string): Map<string, number> {
  const outputs = new Map(Object.entries(metafile.outputs).map(([file, o]) => [basename(file), o]));
  const seen = new Set<string>();
  const walk = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const i of outputs.get(file)?.imports ?? []) {
      if (i.kind === 'import-statement' && !i.external) walk(basename(i.path));
    }
  };
  walk(entryFile);
  const groups = new Map<string, number>();
  for (const file of seen) {
    for (const [input, { bytesInOutput }] of Object.entries(outputs.get(file)?.inputs ?? {})) {
      const group = groupOf(input);
      groups.set(group, (groups.get(group) ?? 0) + bytesInOutput);
    }
  }
  return groups;
}

function importTime(file: string): Promise<number> {
  const script = `const t = performance.now(); await import(${JSON.stringify(pathToFileURL(file).href)}); process.stdout.write(String(performance.now() - t));`;
  return new Promise((done, fail) => {
    execFile(
      process.execPath,
      ['--input-type=module', '-e', script],
      {
        env: {
          PATH: process.env.PATH ?? '',
          AWS_REGION: 'us-east-1',
          LIAISON_TABLE_NAME: 'bench',
          AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
          POWERTOOLS_TRACE_ENABLED: 'false',
        },
        timeout: 30_000,
      },
      (error, stdout, stderr) => {
        if (error) return fail(new Error(`importing ${file} failed: ${stderr || error.message}`));
        done(Number(stdout));
      },
    );
  });
}

/**
 * Bundles every function (and the baselines) and times each `--cold-runs` times. `only`: measure just
 * these functions (and the baselines), e.g. while iterating on one handler; everything is still
 * bundled together, as deployed.
 */
export async function measureColdStarts(
  outDir: string,
  runs: number,
  only?: readonly string[],
): Promise<ColdStart[]> {
  const entries = {
    ...functionEntries(ROOT),
    [EMPTY]: join(ROOT, 'bench/cold-start/empty-handler.ts'),
    [CLIENT_ONLY]: join(ROOT, 'bench/cold-start/client-only-handler.ts'),
  };
  const { eager, total, metafile } = await bundleFunctions({ outDir, entries });
  const stageFile = (name: string) => `${name.replaceAll('/', '~')}.mjs`;
  const baseline = eagerGroups(metafile, stageFile(CLIENT_ONLY));
  const out: ColdStart[] = [];
  const measured = Object.keys(entries).filter(
    (name) => !only?.length || only.includes(name) || name === EMPTY || name === CLIENT_ONLY,
  );
  // Interleaved rounds (every function once per round), so a burst of load on the machine hits all
  // functions alike instead of a few of them.
  const samples = new Map<string, number[]>(measured.map((name) => [name, []]));
  for (let i = 0; i < runs; i++) {
    for (const name of measured) samples.get(name)?.push(await importTime(join(outDir, name, 'index.mjs')));
  }
  for (const name of measured) {
    const runsOf = samples.get(name) ?? [];
    const beyondClientOnly = [...eagerGroups(metafile, stageFile(name))]
      .map(([group, bytes]) => ({ group, bytes: bytes - (baseline.get(group) ?? 0) }))
      .filter((g) => g.bytes > 1024)
      .sort((a, b) => b.bytes - a.bytes);
    out.push({
      beyondClientOnly,
      name,
      bytes: eager[name] ?? 0,
      totalBytes: total[name] ?? 0,
      initMs: median(runsOf),
      runs: runsOf.map((s) => Math.round(s * 100) / 100),
    });
  }
  return out;
}

/** `npx tsx bench/cold-start.ts [--runs 5] [name …]`: the cold-start part alone, printed as a table. */
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  const at = args.indexOf('--runs');
  const runs = at >= 0 ? Number(args[at + 1]) : 5;
  const names = args.filter((a, i) => a !== '--runs' && i !== at + 1);
  const rows = await measureColdStarts(join(tmpdir(), 'liaison-cold-start'), runs, names);
  const base = rows.find((r) => r.name === CLIENT_ONLY);
  const ratio = (a: number, b = 1) => (a / Math.max(b, 1e-9)).toFixed(2);
  console.log('init ms  ×client   eager KiB  ×client   total KiB  function');
  for (const r of rows.sort((a, b) => b.initMs - a.initMs)) {
    console.log(
      `${r.initMs.toFixed(1).padStart(7)}  ${ratio(r.initMs, base?.initMs).padStart(7)}  ${(r.bytes / 1024).toFixed(0).padStart(10)}  ${ratio(r.bytes, base?.bytes).padStart(7)}  ${(r.totalBytes / 1024).toFixed(0).padStart(10)}  ${r.name}`,
    );
  }
}
