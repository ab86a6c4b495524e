/**
 * Run counters of the reliability suites (requests tried, failures found). Each suite records its
 * numbers when it ends; with LIAISON_RELIABILITY_STATS=1 they are printed, and they are always
 * written to `<tmpdir>/liaison-reliability/<suite>.json` (docs/reliability.md quotes them).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface SuiteStats {
  readonly requests: number;
  readonly failures: number;
  readonly [extra: string]: unknown;
}

export function record(suite: string, stats: SuiteStats): void {
  const dir = join(tmpdir(), 'liaison-reliability');
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, `${suite}.json`),
    `${JSON.stringify({ suite, ...stats, at: new Date().toISOString() })}\n`,
  );
  if (process.env.LIAISON_RELIABILITY_STATS) console.info(`[reliability] ${suite}: ${JSON.stringify(stats)}`);
}
