/**
 * Cold start: every function bundled exactly as deployed (`bundleFunctions`, one esbuild call,
 * minified), beside two baselines (an empty handler; a handler that only creates the DynamoDB
 * document client). Module initialization = a fresh Node process timing `import()` of the bundle
 * (Node's own start-up excluded), median of several runs.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { bundleFunctions } from '../infra/bundle.js';
import { functionEntries } from '../infra/functions.js';
import { median } from './metrics.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const EMPTY = 'baseline/empty-handler';
export const CLIENT_ONLY = 'baseline/client-only-handler';

export interface ColdStart {
  readonly name: string;
  readonly bytes: number;
  readonly initMs: number;
  readonly runs: number[];
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

export async function measureColdStarts(outDir: string, runs: number): Promise<ColdStart[]> {
  const entries = {
    ...functionEntries(ROOT),
    [EMPTY]: join(ROOT, 'bench/cold-start/empty-handler.ts'),
    [CLIENT_ONLY]: join(ROOT, 'bench/cold-start/client-only-handler.ts'),
  };
  const { sizes } = await bundleFunctions({ outDir, entries });
  const out: ColdStart[] = [];
  for (const name of Object.keys(entries)) {
    const file = join(outDir, name, 'index.mjs');
    const samples: number[] = [];
    for (let i = 0; i < runs; i++) samples.push(await importTime(file));
    out.push({
      name,
      bytes: sizes[name] ?? 0,
      initMs: median(samples),
      runs: samples.map((s) => Math.round(s * 100) / 100),
    });
  }
  return out;
}
