/**
 * Bundles every Lambda entry point in ONE esbuild call (shared module graph, one process, ~1 s for
 * all functions) into `<outDir>/<name>/index.mjs`, which `ApiFunction` deploys with `Code.fromAsset`.
 */
import { existsSync, rmSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { build, type Plugin } from 'esbuild';

/**
 * zod re-exports every locale (`z.locales`, ~40 languages, ≈300 KiB minified) and esbuild cannot
 * tree-shake a namespace re-export. Liaison's error messages are English and never call
 * `z.locales.*`, so the bundle gets a locales module holding only `en` (the default zod installs).
 */
const zodEnglishOnly: Plugin = {
  name: 'zod-english-only',
  setup(b) {
    b.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]zod[\\/]/.test(args.importer) ? { path: 'zod-locales-en', namespace: 'zod-locales' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'zod-locales' }, () => ({
      contents: "export { default as en } from 'zod/v4/locales/en.js';",
      resolveDir: process.cwd(),
      loader: 'js',
    }));
  },
};

export interface BundleOptions {
  /** Output directory; wiped first so no stale function survives. */
  readonly outDir: string;
  /** name → source file, e.g. `incidents/create-incident` → `functions/incidents/create-incident.ts`. */
  readonly entries: Readonly<Record<string, string>>;
}

export interface BundleResult {
  readonly outDir: string;
  /** name → size in bytes of `<outDir>/<name>/index.mjs`. */
  readonly sizes: Readonly<Record<string, number>>;
}

/**
 * ESM output of CommonJS dependencies calls `require` for Node built-ins; ESM has none, so define
 * one. The alias keeps the banner from clashing with bundled identifiers.
 */
const REQUIRE_BANNER =
  "import { createRequire as __liaisonCreateRequire } from 'node:module';" +
  'const require = __liaisonCreateRequire(import.meta.url);';

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
  rmSync(out, { recursive: true, force: true });
  const result = await build({
    entryPoints: Object.fromEntries(names.map((name) => [`${name}/index`, entries[name] as string])),
    outdir: out,
    outExtension: { '.js': '.mjs' },
    bundle: true, // AWS SDK v3 included: pinned version, smaller cold start than the runtime's copy
    format: 'esm',
    platform: 'node',
    target: 'node22',
    mainFields: ['module', 'main'], // prefer ESM builds: better tree shaking
    minify: true,
    sourcemap: 'linked', // index.mjs.map next to it; NODE_OPTIONS=--enable-source-maps reads it
    sourcesContent: false,
    legalComments: 'none',
    banner: { js: REQUIRE_BANNER },
    metafile: true,
    logLevel: 'warning',
    plugins: [zodEnglishOnly],
  });

  const sizes: Record<string, number> = {};
  for (const name of names) {
    const file = relative(process.cwd(), join(out, name, 'index.mjs'));
    const output = result.metafile.outputs[file] ?? result.metafile.outputs[join(out, name, 'index.mjs')];
    if (!output) throw new Error(`bundleFunctions: esbuild produced no output for ${name}`);
    sizes[name] = output.bytes;
  }
  return { outDir: out, sizes };
}
