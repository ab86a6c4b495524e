import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT_DIR } from '../../infra/app.js';
import { type BundleResult, bundleFunctions } from '../../infra/bundle.js';
import { functionEntries, functionNames, SCHEDULED_FUNCTIONS } from '../../infra/functions.js';
import { routes } from '../../shared/routes.js';
import { allOfType, resourcesOf, type Synthesized, synthesize } from './synth.js';

describe('bundleFunctions', () => {
  const outDir = mkdtempSync(join(tmpdir(), 'liaison-bundles-'));
  let result: BundleResult;

  beforeAll(async () => {
    result = await bundleFunctions({ outDir, entries: functionEntries(ROOT_DIR) });
    const rows = Object.entries(result.sizes)
      .sort(([, a], [, b]) => b - a)
      .map(([name, bytes]) => `  ${(bytes / 1024).toFixed(0).padStart(6)} KiB  ${name}`);
    console.info(`bundle sizes (${rows.length} functions):\n${rows.join('\n')}`);
  });
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it('bundles every route handler (and scheduled function) into <name>/index.mjs', () => {
    expect(Object.keys(result.sizes).sort()).toEqual(functionNames().sort());
    expect(functionNames()).toEqual(expect.arrayContaining(routes.map((r) => r.handler)));
  });

  it('produces minified ESM with the AWS SDK bundled and a require shim', () => {
    for (const name of functionNames()) {
      const code = readFileSync(join(outDir, name, 'index.mjs'), 'utf8');
      expect(code.length, name).toBe(result.sizes[name]);
      expect(code.startsWith("import { createRequire as __liaisonCreateRequire } from 'node:module';")).toBe(
        true,
      );
      expect(code, name).not.toMatch(/from\s*["']@aws-sdk\//); // bundled, not external
      const lines = code.split('\n').length;
      expect(code.length / lines, name).toBeGreaterThan(1000); // minified: long lines only
      expect(code, name).toMatch(/\/\/# sourceMappingURL=index\.mjs\.map\s*$/);
    }
  });

  it('leaves the SNS and Scheduler clients out of functions that do not use them (cold start)', () => {
    const users = new Set(
      [...routes, ...SCHEDULED_FUNCTIONS]
        .filter((f) => ((f as { uses?: readonly string[] }).uses ?? []).length > 0)
        .map((f) => f.handler),
    );
    for (const name of functionNames().filter((n) => !users.has(n))) {
      const code = readFileSync(join(outDir, name, 'index.mjs'), 'utf8');
      expect(code, name).not.toMatch(/CreateScheduleCommand|PublishCommand/);
    }
  });

  it('gives the stack the same resources as the placeholder mode, with one asset per function', () => {
    const shape = (s: Synthesized) =>
      s.all.flatMap((t) => Object.entries(resourcesOf(t)).map(([id, r]) => `${r.Type} ${id}`)).sort();
    const bundled = synthesize({}, result.outDir);
    const placeholder = synthesize();
    expect(shape(bundled)).toEqual(shape(placeholder));
    const assets = new Set(
      allOfType(bundled.all, 'AWS::Lambda::Function').map((f) => JSON.stringify(f.Properties.Code)),
    );
    expect(assets.size).toBe(functionNames().length);
  });

  it('fails with the list of missing handler files instead of skipping them', async () => {
    await expect(
      bundleFunctions({
        outDir: join(outDir, 'missing'),
        entries: { 'nowhere/no-such-handler': join(ROOT_DIR, 'functions', 'nowhere', 'no-such-handler.ts') },
      }),
    ).rejects.toThrow(/missing:\n {2}nowhere\/no-such-handler → .*no-such-handler\.ts/);
  });
});
