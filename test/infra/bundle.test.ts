import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
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

  // One esbuild call for every function (~5 s alone, ~50 s on a loaded 2-core machine): an explicit
  // hook timeout instead of the 60 s default.
  beforeAll(async () => {
    result = await bundleFunctions({ outDir, entries: functionEntries(ROOT_DIR) });
    const rows = Object.entries(result.sizes)
      .sort(([a], [b]) => (result.eager[b] ?? 0) - (result.eager[a] ?? 0))
      .map(
        ([name]) =>
          `  ${((result.eager[name] ?? 0) / 1024).toFixed(0).padStart(6)} KiB eager ${((result.total[name] ?? 0) / 1024).toFixed(0).padStart(6)} KiB total  ${name}`,
      );
    console.info(`bundle sizes (${rows.length} functions):\n${rows.join('\n')}`);
  }, 180_000);
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it('bundles every route handler (and scheduled function) into <name>/index.mjs', () => {
    expect(Object.keys(result.sizes).sort()).toEqual(functionNames().sort());
    expect(functionNames()).toEqual(expect.arrayContaining(routes.map((r) => r.handler)));
  });

  it('produces minified ESM with the AWS SDK bundled and a require shim', () => {
    for (const name of functionNames()) {
      const code = readFileSync(join(outDir, name, 'index.mjs'), 'utf8');
      expect(code.length, name).toBe(result.sizes[name]);
      expect(code, name).toMatch(/\/\/# sourceMappingURL=index\.mjs\.map\s*$/);
      let chars = 0;
      let lines = 0;
      for (const file of result.files[name] ?? []) {
        const text = readFileSync(join(outDir, name, file), 'utf8');
        expect(
          text.startsWith("import { createRequire as __liaisonCreateRequire } from 'node:module';"),
        ).toBe(true);
        expect(text, `${name}/${file}`).not.toMatch(/from\s*["']@aws-sdk\//); // bundled, not external
        chars += text.length;
        lines += text.split('\n').length;
      }
      expect(chars / lines, name).toBeGreaterThan(1000); // minified: long lines only
    }
  });

  it("gives each function's asset exactly the chunks it imports, so it runs on its own", () => {
    for (const name of functionNames()) {
      const dir = join(outDir, name);
      const present = readdirSync(dir).filter((f) => f.endsWith('.mjs'));
      expect(present.sort(), name).toEqual([...(result.files[name] ?? [])].sort());
      for (const file of present) {
        const text = readFileSync(join(dir, file), 'utf8');
        // every relative import (static or import()) names a file of the same directory
        for (const m of text.matchAll(/(?:from|import\()\s*["'](\.[^"']+)["']/g)) {
          const target = (m[1] as string).replace(/^\.\//, '');
          expect(present, `${name}/${file} imports ${m[1]}`).toContain(target);
        }
      }
      expect(result.eager[name] ?? 0, name).toBeLessThanOrEqual(result.total[name] ?? 0);
    }
  });

  it("keeps the route table and the other areas' schemas out of a function (its own route entry only)", () => {
    const code = (name: string) =>
      (result.files[name] ?? []).map((f) => readFileSync(join(outDir, name, f), 'utf8')).join('\n');
    const thirdParty = code('third-parties/get-third-party');
    // summaries are unique strings of the route entries: another area's must be absent
    expect(thirdParty).toContain('Read a third party');
    expect(thirdParty).not.toContain('List third parties'); // same area, another route
    expect(thirdParty).not.toContain('Read an incident');
    expect(thirdParty).not.toContain('The OpenAPI 3.1 document of this API');
    // zod's JSON Schema generator is left out (docs/openapi.json is prebuilt)
    expect(thirdParty).not.toContain('Non-representable type encountered');
  });

  it("leaves zod's JSON Schema generator and its other locales out of every function (zod/mini)", () => {
    for (const name of functionNames()) {
      const code = (result.files[name] ?? [])
        .map((f) => readFileSync(join(outDir, name, f), 'utf8'))
        .join('\n');
      // z.toJSONSchema (shared/openapi.ts, build time only) and the de/fr locales: a named
      // `import { z }` or classic zod would bring them (infra/bundle.ts)
      expect(code, name).not.toMatch(/Non-representable type encountered|Ungültige Eingabe|Entrée invalide/);
    }
  });

  it('bundles the SNS and Scheduler clients only into functions that use them (cold start)', () => {
    // esbuild's metafile: the packages each output file holds; a function's files are its index.mjs
    // (staged as `<area>~<name>.mjs`) and the chunks it imports, eagerly or with import().
    const packagesOf = (name: string): Set<string> => {
      const staged = (f: string) => (f === 'index.mjs' ? `${name.replaceAll('/', '~')}.mjs` : f);
      const out = new Set<string>();
      for (const file of result.files[name] ?? []) {
        const output = Object.entries(result.metafile.outputs).find(([path]) =>
          path.endsWith(`/${staged(file)}`),
        );
        for (const input of Object.keys(output?.[1].inputs ?? {})) {
          const pkg = /node_modules\/(@aws-sdk\/client-[a-z0-9-]+)\//.exec(input)?.[1];
          if (pkg) out.add(pkg);
        }
      }
      return out;
    };
    const usesOf = new Map(
      [...routes, ...SCHEDULED_FUNCTIONS].map((f) => [
        f.handler,
        new Set((f as { uses?: readonly string[] }).uses ?? []),
      ]),
    );
    const wrong: string[] = [];
    for (const name of functionNames()) {
      const pkgs = packagesOf(name);
      const uses = usesOf.get(name) ?? new Set<string>();
      expect(pkgs.has('@aws-sdk/client-dynamodb'), name).toBe(true);
      if (pkgs.has('@aws-sdk/client-sns') !== uses.has('sns')) wrong.push(`${name}: sns`);
      if (pkgs.has('@aws-sdk/client-scheduler') !== uses.has('scheduler')) wrong.push(`${name}: scheduler`);
    }
    expect(wrong).toEqual([]);
  });

  it('leaves the S3 client out of functions whose route does not use s3 (cold start)', () => {
    const users = new Set(
      [...routes, ...SCHEDULED_FUNCTIONS]
        .filter((f) => ((f as { uses?: readonly string[] }).uses ?? []).includes('s3'))
        .map((f) => f.handler),
    );
    expect(users.size).toBeGreaterThan(0);
    for (const name of functionNames()) {
      const code = (result.files[name] ?? [])
        .map((f) => readFileSync(join(outDir, name, f), 'utf8'))
        .join('\n');
      if (users.has(name)) expect(code, name).toMatch(/PutObjectLegalHold/);
      else expect(code, name).not.toMatch(/PutObjectLegalHold|HeadObjectCommand/);
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
    // Two full synths of every route's function and area stack: 37 s measured with 91 routes on
    // the shared 2-core machine under load, past the 30 s default.
  }, 120_000);

  it('fails with the list of missing handler files instead of skipping them', async () => {
    await expect(
      bundleFunctions({
        outDir: join(outDir, 'missing'),
        entries: { 'nowhere/no-such-handler': join(ROOT_DIR, 'functions', 'nowhere', 'no-such-handler.ts') },
      }),
    ).rejects.toThrow(/missing:\n {2}nowhere\/no-such-handler → .*no-such-handler\.ts/);
  });
});
