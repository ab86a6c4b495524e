/**
 * Every error code the code base can answer is in README's "## Errors" table, in the row of its
 * status, so the table cannot drift again. Codes are read from shared/ with the TypeScript parser:
 * `code = '…'` of error classes (and the literal types / defaults of a `code` parameter), and code
 * literals passed to `new <Something>Error(…)`, and the 500 body of shared/http/error-response.ts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url).pathname;
const CODE = /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

interface ErrorClass {
  parent: string | undefined;
  status: number | undefined;
  codes: string[];
}

/** Error classes (name → parent, status, own codes) and `new X(…, 'CODE')` uses, over all of shared/. */
function scan() {
  const classes = new Map<string, ErrorClass>();
  const uses: { cls: string; code: string; where: string }[] = [];
  const literalsOf = (node: ts.Node | undefined): string[] => {
    if (!node) return [];
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node))
      return CODE.test(node.text) && node.text.length > 3 ? [node.text] : [];
    if (ts.isLiteralTypeNode(node)) return literalsOf(node.literal);
    if (ts.isUnionTypeNode(node)) return node.types.flatMap(literalsOf);
    return [];
  };
  for (const file of sourceFiles(join(root, 'shared'))) {
    const text = readFileSync(file, 'utf8');
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node): void => {
      if (ts.isClassDeclaration(node) && node.name) {
        const parent = node.heritageClauses
          ?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword)
          ?.types[0]?.expression.getText(source);
        const entry: ErrorClass = { parent, status: undefined, codes: [] };
        for (const member of node.members) {
          if (ts.isPropertyDeclaration(member) && member.name.getText(source) === 'status') {
            const init = member.initializer;
            if (init && ts.isNumericLiteral(init)) entry.status = Number(init.text);
          }
          if (ts.isPropertyDeclaration(member) && member.name.getText(source) === 'code')
            entry.codes.push(...literalsOf(member.initializer));
          if (ts.isConstructorDeclaration(member))
            for (const p of member.parameters)
              if (p.name.getText(source) === 'code')
                entry.codes.push(...literalsOf(p.initializer), ...literalsOf(p.type));
        }
        classes.set(node.name.text, entry);
      }
      if (
        ts.isNewExpression(node) &&
        ts.isIdentifier(node.expression) &&
        node.expression.text.endsWith('Error')
      ) {
        const where = `${file.slice(root.length)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
        for (const arg of node.arguments ?? [])
          for (const code of literalsOf(arg)) uses.push({ cls: node.expression.text, code, where });
      }
      // errorBody('INTERNAL', …): the one answer no error class carries.
      if (ts.isCallExpression(node) && node.expression.getText(source) === 'errorBody') {
        const first = node.arguments[0];
        for (const code of literalsOf(first))
          uses.push({ cls: '<500>', code, where: file.slice(root.length) });
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return { classes, uses };
}

/** code → the statuses it is answered with. */
function codesFromSource(): Map<string, Set<number>> {
  const { classes, uses } = scan();
  const statusOf = (name: string): number | undefined => {
    for (let c = classes.get(name), guard = 0; c && guard < 10; c = classes.get(c.parent ?? ''), guard++)
      if (c.status !== undefined) return c.status;
    return undefined;
  };
  const isAppError = (name: string): boolean => {
    for (let n: string | undefined = name, guard = 0; n && guard < 10; n = classes.get(n)?.parent, guard++)
      if (n === 'AppError') return true;
    return false;
  };
  const out = new Map<string, Set<number>>();
  const add = (code: string, status: number | undefined) => {
    if (status === undefined) return;
    const set = out.get(code) ?? new Set<number>();
    set.add(status);
    out.set(code, set);
  };
  for (const [name, c] of classes)
    if (isAppError(name)) for (const code of c.codes) add(code, statusOf(name));
  for (const u of uses) {
    if (u.cls === '<500>') add(u.code, 500);
    else if (isAppError(u.cls)) add(u.code, statusOf(u.cls));
  }
  return out;
}

/** README "## Errors" table: code → the statuses of the row(s) naming it. */
function codesFromReadme(): Map<string, Set<number>> {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const section = readme.split(/^## Errors$/m)[1]?.split(/^## /m)[0] ?? '';
  const out = new Map<string, Set<number>>();
  for (const row of section.split('\n').filter((l) => l.startsWith('| '))) {
    const [first = '', ...rest] = row.split('|').slice(1);
    const statuses = [...first.matchAll(/\b([1-5]\d\d)\b/g)].map((m) => Number(m[1]));
    for (const m of [first, ...rest].join('|').matchAll(/`([A-Z][A-Z0-9_]+)`/g)) {
      const set = out.get(m[1] as string) ?? new Set<number>();
      for (const s of statuses) set.add(s);
      out.set(m[1] as string, set);
    }
  }
  return out;
}

describe('README "## Errors"', () => {
  const fromSource = codesFromSource();
  const documented = codesFromReadme();

  it('the scan finds the codes it must (the parser sees all kinds of declarations)', () => {
    for (const code of [
      'VALIDATION_FAILED', // class property
      'VERIFICATION_TOKEN_SUPERSEDED', // literal type of a `code` parameter
      'CONFLICT', // default of a `code` parameter
      'OPEN_ACTIONS', // argument of new ConflictError(…)
      'IDEMPOTENCY_KEY_REUSED', // argument of new UnprocessableError(…)
      'INTERNAL', // the 500 body
    ])
      expect(fromSource.has(code), code).toBe(true);
    expect(fromSource.get('TOO_MANY_ATTEMPTS')).toEqual(new Set([429]));
    expect(fromSource.get('CLOCK_NOT_STARTED')?.size).toBeGreaterThan(0);
  });

  it('lists every code shared/ can answer, in the row of its status', () => {
    const missing = [...fromSource]
      .filter(([code, statuses]) => [...statuses].some((s) => !documented.get(code)?.has(s)))
      .map(([code, statuses]) => `${code} (${[...statuses].join(', ')})`)
      .sort();
    expect(missing).toEqual([]);
  });
});
