/**
 * Bundles every Lambda entry point in ONE esbuild call (shared module graph, one process, ~1 s for
 * all functions, `splitting` into shared ESM chunks) and lays out one asset directory per function,
 * `<outDir>/<name>/`: `index.mjs` plus exactly the chunks it imports (statically or with `import()`),
 * which `ApiFunction` deploys with `Code.fromAsset`. docs/architecture.md, "Bundles".
 */
import { copyFileSync, existsSync, linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { build, type Metafile } from 'esbuild';

export interface BundleOptions {
  /** Output directory; wiped first so no stale function survives. */
  readonly outDir: string;
  /** name → source file, e.g. `incidents/create-incident` → `functions/incidents/create-incident.ts`. */
  readonly entries: Readonly<Record<string, string>>;
}

export interface BundleResult {
  readonly outDir: string;
  /** name → size in bytes of `<outDir>/<name>/index.mjs` (the entry file alone). */
  readonly sizes: Readonly<Record<string, number>>;
  /**
   * name → bytes loaded at module initialization: `index.mjs` and every chunk it imports statically
   * (transitively). What a cold start parses and evaluates.
   */
  readonly eager: Readonly<Record<string, number>>;
  /** name → bytes of every `.mjs` in the function's asset (eager + the dynamically imported chunks). */
  readonly total: Readonly<Record<string, number>>;
  /** name → the files of `<outDir>/<name>/` besides source maps (`index.mjs`, `chunk-….mjs` …). */
  readonly files: Readonly<Record<string, readonly string[]>>;
  /** esbuild's metafile of the build (staging file names: `incidents~create-incident.mjs`, `chunk-….mjs`). */
  readonly metafile: Metafile;
}

/**
 * ESM output of CommonJS dependencies calls `require` for Node built-ins; ESM has none, so define
 * one. The alias keeps the banner from clashing with bundled identifiers.
 */
const REQUIRE_BANNER =
  "import { createRequire as __liaisonCreateRequire } from 'node:module';" +
  'const require = __liaisonCreateRequire(import.meta.url);';

/** Staging directory of the one esbuild call, inside `outDir`, removed once the assets are laid out. */
const STAGE = '.esbuild';
/** `incidents/create-incident` ↔ the flat staging file name `incidents~create-incident`. */
const flat = (name: string): string => name.replaceAll('/', '~');

export async function bundleFunctions({ outDir, entries }: BundleOptions): Promise<BundleResult> {
  const names = Object.keys(entries);
  if (names.length === 0) throw new Error('bundleFunctions: no entries to bundle');
  const missing = names.filter((name) => !existsSync(entries[name] as string));
  if (missing.length > 0) {
    throw new Error(
      `bundleFunctions: ${missing.length} handler file(s) missing:\n` +
        missing.map((name) => `  ${name} → ${entries[name]}`).join('\n'),
    );
  }

  const out = resolve(outDir);
  const stage = join(out, STAGE);
  rmSync(out, { recursive: true, force: true });
  // Every entry and chunk flat in one staging directory, so chunk imports are `./chunk-….mjs`; each
  // function's asset directory then gets its entry (as index.mjs) and exactly the chunks it reaches.
  const result = await build({
    entryPoints: Object.fromEntries(names.map((name) => [flat(name), entries[name] as string])),
    outdir: stage,
    outExtension: { '.js': '.mjs' },
    bundle: true, // AWS SDK v3 included: pinned version, smaller cold start than the runtime's copy
    // Shared ESM chunks: a module reached only through `import()` (the idempotency layer, the SDK's
    // lazily loaded credential providers) lands in a chunk loaded on first use, not at cold start.
    splitting: true,
    chunkNames: 'chunk-[hash]',
    format: 'esm',
    platform: 'node',
    target: 'node22',
    mainFields: ['module', 'main'], // prefer ESM builds: better tree shaking
    // zod needs no plugin: the code imports `zod/mini` as a namespace (`import * as z`), whose
    // functions tree-shake one by one, so a bundle holds the schema types and checks in use, the
    // English locale (shared/schemas/common.ts) and none of the JSON Schema generator (only
    // shared/openapi.ts calls it, at build time). `import { z }` or classic `zod` would bring back
    // every schema type, every locale (≈300 KiB) and the JSON Schema code: test/infra/bundle.test.ts.
    minify: true,
    sourcemap: 'linked', // <file>.map next to each file; NODE_OPTIONS=--enable-source-maps reads it
    sourcesContent: false,
    legalComments: 'none',
    banner: { js: REQUIRE_BANNER },
    metafile: true,
    logLevel: 'warning',
  });

  const outputs = new Map<string, Metafile['outputs'][string]>();
  for (const [file, output] of Object.entries(result.metafile.outputs)) {
    if (file.endsWith('.mjs')) outputs.set(basename(file), output);
  }
  const reach = (file: string, kinds: ReadonlySet<string>, seen = new Set<string>()): Set<string> => {
    if (seen.has(file)) return seen;
    seen.add(file);
    for (const imp of outputs.get(file)?.imports ?? []) {
      if (!imp.external && kinds.has(imp.kind)) reach(basename(imp.path), kinds, seen);
    }
    return seen;
  };
  const bytesOf = (files: Iterable<string>) =>
    [...files].reduce((n, f) => n + (outputs.get(f)?.bytes ?? 0), 0);
  const STATIC = new Set(['import-statement']);
  const ANY = new Set(['import-statement', 'dynamic-import']);

  const sizes: Record<string, number> = {};
  const eager: Record<string, number> = {};
  const total: Record<string, number> = {};
  const files: Record<string, string[]> = {};
  for (const name of names) {
    const entry = `${flat(name)}.mjs`;
    if (!outputs.has(entry)) throw new Error(`bundleFunctions: esbuild produced no output for ${name}`);
    const dir = join(out, name);
    mkdirSync(dir, { recursive: true });
    const reached = reach(entry, ANY);
    files[name] = [...reached].map((f) => (f === entry ? 'index.mjs' : f)).sort();
    for (const file of reached) {
      if (file === entry) {
        // Renamed to index.mjs (the `handler: 'index.handler'` of ApiFunction), map comment with it.
        const code = readFileSync(join(stage, file), 'utf8').replace(
          /\/\/# sourceMappingURL=[^\n]*\s*$/,
          '//# sourceMappingURL=index.mjs.map\n',
        );
        writeFileSync(join(dir, 'index.mjs'), code);
        copyFileSync(join(stage, `${file}.map`), join(dir, 'index.mjs.map'));
        sizes[name] = Buffer.byteLength(code);
      } else {
        linkSync(join(stage, file), join(dir, file));
        linkSync(join(stage, `${file}.map`), join(dir, `${file}.map`));
      }
    }
    eager[name] = bytesOf(reach(entry, STATIC)) - (outputs.get(entry)?.bytes ?? 0) + (sizes[name] ?? 0);
    total[name] = bytesOf(reached) - (outputs.get(entry)?.bytes ?? 0) + (sizes[name] ?? 0);
  }
  rmSync(stage, { recursive: true, force: true });
  return { outDir: out, sizes, eager, total, files, metafile: result.metafile };
}
