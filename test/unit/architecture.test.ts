/**
 * Import boundaries (issue 12; docs/architecture.md "Rules and how they are enforced"). Every `.ts`
 * file under shared/ functions/ infra/ bench/ scripts/ is parsed with the TypeScript compiler API;
 * its imports — value and type-only, re-exports, `import()` with a literal — are resolved to files
 * (or package names) and checked against the layer rules, and the whole graph is searched for cycles.
 *
 * Code is moving (seven helpers at once), so the rules are violated today. ALLOWED_VIOLATIONS and
 * ALLOWED_CYCLES list each current violation with who removes it. The lists are exact: a new violation
 * fails, and so does an allowlisted one that no longer occurs (delete its line: the list only shrinks).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { REGIMES } from '../../shared/domain/obligations/regimes.js';
import { REGIME_IDS } from '../../shared/model/regimes.js';

const ROOT = resolve(import.meta.dirname, '../..');
const SCANNED = ['shared', 'functions', 'infra', 'bench', 'scripts'];
const SKIPPED_DIRS = new Set(['node_modules', 'cdk.out', 'results']);

// ---------------------------------------------------------------- the rules

interface Rule {
  readonly name: string;
  /** Files the rule applies to (repo-relative, `/` separated). */
  readonly applies: (file: string) => boolean;
  /** A forbidden import target (a repo-relative file, or a package specifier). */
  readonly forbids: (target: string) => boolean;
}

const under = (dir: string) => (p: string) => p.startsWith(`${dir}/`);
const isFile =
  (...files: string[]) =>
  (p: string) =>
    files.includes(p);

const RULES: readonly Rule[] = [
  {
    name: 'the domain uses ports and repositories, not the SDK, keys, client, repository implementations, http, aws or the composition root',
    applies: under('shared/domain'),
    forbids: (t) =>
      t.startsWith('@aws-sdk/') ||
      isFile('shared/db/keys.ts', 'shared/db/client.ts', 'shared/deps.ts')(t) ||
      under('shared/db/repos')(t) ||
      under('shared/http')(t) ||
      (under('shared/aws')(t) && t !== 'shared/aws/ports.ts'),
  },
  {
    name: 'db modules take a TableContext: no domain, no http',
    applies: under('shared/db'),
    forbids: (t) => under('shared/domain')(t) || under('shared/http')(t),
  },
  {
    name: 'schemas are leaves: no domain, db or http (shared constants live in shared/model)',
    applies: under('shared/schemas'),
    forbids: (t) => under('shared/domain')(t) || under('shared/db')(t) || under('shared/http')(t),
  },
  {
    name: 'shared/model is pure: it imports only shared/model',
    applies: under('shared/model'),
    forbids: (t) => !under('shared/model')(t),
  },
  {
    name: 'config does not load the regime catalogue',
    applies: isFile('shared/config.ts'),
    forbids: isFile('shared/domain/obligations/regimes.ts'),
  },
];

/**
 * Current violations, `file → import`, each with the helper (aggregate) that removes it. Exact: the
 * test fails when one of these no longer occurs.
 */
const ALLOWED_VIOLATIONS: Record<string, string> = {};

/** Current import cycles (each strongly connected component, files sorted), with who breaks it. */
const ALLOWED_CYCLES: Record<string, string> = {};

// ---------------------------------------------------------------- the scanner

function tsFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (!SKIPPED_DIRS.has(name)) tsFiles(path, out);
    } else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

/** Every module specifier a file names: imports (value and type), re-exports, literal `import()`. */
function specifiers(source: string, fileName = 'x.ts'): string[] {
  const sf = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier) {
      if (ts.isStringLiteral(node.moduleSpecifier)) found.push(node.moduleSpecifier.text);
    } else if (
      ts.isImportEqualsDeclaration(node) &&
      ts.isExternalModuleReference(node.moduleReference) &&
      ts.isStringLiteral(node.moduleReference.expression)
    ) {
      found.push(node.moduleReference.expression.text);
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteralLike(node.arguments[0])
    ) {
      found.push(node.arguments[0].text);
    } else if (
      ts.isImportTypeNode(node) &&
      ts.isLiteralTypeNode(node.argument) &&
      ts.isStringLiteral(node.argument.literal)
    ) {
      found.push(node.argument.literal.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

const FILES = SCANNED.flatMap((d) => tsFiles(join(ROOT, d))).map((f) =>
  relative(ROOT, f).split('\\').join('/'),
);
const KNOWN = new Set(FILES);

/** A relative specifier as a repo-relative file (`.js` → `.ts`, directory → index.ts); else the package. */
function resolveSpecifier(from: string, spec: string): string {
  if (!spec.startsWith('.')) {
    const parts = spec.split('/');
    return spec.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] as string);
  }
  const base = relative(ROOT, resolve(ROOT, dirname(from), spec))
    .split('\\')
    .join('/');
  const candidates = [base.replace(/\.js$/, '.ts'), `${base}.ts`, `${base}/index.ts`, base];
  return candidates.find((c) => KNOWN.has(c)) ?? base;
}

const GRAPH = new Map<string, string[]>(
  FILES.map((file) => [
    file,
    [
      ...new Set(
        specifiers(readFileSync(join(ROOT, file), 'utf8'), file).map((s) => resolveSpecifier(file, s)),
      ),
    ],
  ]),
);

function violations(): Map<string, string> {
  const found = new Map<string, string>();
  for (const [file, targets] of GRAPH) {
    for (const rule of RULES) {
      if (!rule.applies(file)) continue;
      for (const target of targets) if (rule.forbids(target)) found.set(`${file} → ${target}`, rule.name);
    }
  }
  return found;
}

/** Strongly connected components with more than one file (or a file importing itself): Tarjan. */
function cycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  let index = 0;
  const indexOf = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  const connect = (v: string): void => {
    indexOf.set(v, index);
    low.set(v, index);
    index += 1;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue;
      if (!indexOf.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v) as number, low.get(w) as number));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v) as number, indexOf.get(w) as number));
    }
    if (low.get(v) === indexOf.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop() as string;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (graph.get(v) ?? []).includes(v)) out.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!indexOf.has(v)) connect(v);
  return out;
}

/** One concrete cycle through a component, as a path `a → b → … → a` (for the failure message). */
function cyclePath(graph: ReadonlyMap<string, readonly string[]>, component: readonly string[]): string {
  const members = new Set(component);
  const start = component[0] as string;
  const previous = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const v = queue.shift() as string;
    for (const w of graph.get(v) ?? []) {
      if (!members.has(w)) continue;
      if (w === start) {
        const path = [start];
        for (let at = v; at !== start; at = previous.get(at) as string) path.splice(1, 0, at);
        return [...path, start].join(' → ');
      }
      if (!previous.has(w)) {
        previous.set(w, v);
        queue.push(w);
      }
    }
  }
  return component.join(' → ');
}

// ---------------------------------------------------------------- the tests

describe('import scanner', () => {
  it('finds value, type-only, re-export and dynamic imports', () => {
    const source = [
      "import { a } from './a.js';",
      "import type { B } from '../b.js';",
      "export { c } from './c.js';",
      "export type * from './d.js';",
      "const e = await import('./e.js');",
      "type F = import('./f.js').F;",
    ].join('\n');
    expect(specifiers(source)).toEqual(['./a.js', '../b.js', './c.js', './d.js', './e.js', './f.js']);
  });

  it('finds cycles, including one through a type-only import', () => {
    const graph = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a', 'd']],
      ['d', []],
      ['e', ['e']],
    ]);
    expect(cycles(graph).sort()).toEqual([['a', 'b', 'c'], ['e']]);
    expect(cyclePath(graph, ['a', 'b', 'c'])).toBe('a → b → c → a');
  });

  it('scans the project (sanity: it sees the files and their edges)', () => {
    expect(FILES.length).toBeGreaterThan(150);
    expect(GRAPH.get('shared/http/caller.ts')).toContain('shared/model/caller.ts');
  });
});

describe('layer rules (docs/architecture.md)', () => {
  const found = violations();

  it('no import breaks a layer rule except the allowlisted ones', () => {
    const unexpected = [...found]
      .filter(([key]) => !(key in ALLOWED_VIOLATIONS))
      .map(([k, rule]) => `${k}  (${rule})`);
    expect(unexpected, 'new layer violations').toEqual([]);
  });

  it('every allowlisted violation still occurs (remove the line when you fix one)', () => {
    const gone = Object.keys(ALLOWED_VIOLATIONS).filter((key) => !found.has(key));
    expect(gone, 'fixed: delete these from ALLOWED_VIOLATIONS').toEqual([]);
  });

  it('no import cycles except the allowlisted ones (type-only imports count)', () => {
    const actual = cycles(GRAPH);
    const unexpected = actual
      .filter((c) => !(c.join(' | ') in ALLOWED_CYCLES))
      .map((c) => `${cyclePath(GRAPH, c)}  (component: ${c.join(' | ')})`);
    expect(unexpected, 'import cycles').toEqual([]);
    const keys = new Set(actual.map((c) => c.join(' | ')));
    expect(
      Object.keys(ALLOWED_CYCLES).filter((k) => !keys.has(k)),
      'broken: delete these from ALLOWED_CYCLES',
    ).toEqual([]);
  });
});

describe('Biome enforces the same rules in the editor and in `npm run lint`', () => {
  const biome = JSON.parse(readFileSync(join(ROOT, 'biome.json'), 'utf8')) as {
    overrides: { includes: string[]; linter?: { rules?: { style?: { noRestrictedImports?: unknown } } } }[];
  };
  const restricted = biome.overrides.filter((o) => o.linter?.rules?.style?.noRestrictedImports);

  it('has a noRestrictedImports override per ruled folder', () => {
    expect(restricted.map((o) => o.includes[0])).toEqual([
      'shared/domain/**/*.ts',
      'shared/db/**/*.ts',
      'shared/schemas/**/*.ts',
      'shared/model/**/*.ts',
      'shared/config.ts',
    ]);
  });

  it('excludes exactly the files with allowlisted violations (the exclusions shrink with the allowlist)', () => {
    for (const o of restricted) {
      const scope = (o.includes[0] as string).replace('/**/*.ts', '/');
      const excluded = o.includes.slice(1).map((p) => p.replace(/^!/, ''));
      const allowlisted = new Set(
        Object.keys(ALLOWED_VIOLATIONS)
          .map((k) => k.split(' → ')[0] as string)
          .filter((file) => (scope.endsWith('/') ? file.startsWith(scope) : file === scope)),
      );
      expect(excluded.sort(), `biome.json exclusions for ${o.includes[0]}`).toEqual([...allowlisted].sort());
    }
  });
});

describe('shared/model constants agree with their sources', () => {
  it('REGIME_IDS are the catalogue ids, in order', () => {
    expect([...REGIME_IDS]).toEqual(REGIMES.map((r) => r.id));
  });
});
