/**
 * A route declares `uses` (shared/routes/…) only for what its code path really calls (issue 12,
 * item 2): checked statically against the handler's import closure (an upper bound of its path). SNS and the Scheduler are reached
 * only through the composition root — `notifyDeps*()` of shared/notify-deps.ts / `schedulingDeps*()` of shared/scheduling-deps.ts, or
 * `escalationRuntime()` (shared/escalation-runtime.ts: both, for the escalation-trigger effects of
 * an incident change) — so a route needs `sns` exactly when a module of its closure calls
 * `notifyDeps`/`escalationRuntime`, `scheduler` when one calls `schedulingDeps`/`escalationRuntime`,
 * `s3` when one calls `objectStoreDeps` (the evidence bucket, shared/evidence-deps.ts).
 * The closure stops at those roots (importing one is not calling it; calling it is what counts).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { routes } from '../../shared/routes/index.js';

const ROOT = resolve(import.meta.dirname, '../..');
const STOP = new Set([
  'shared/deps.ts',
  'shared/notify-deps.ts',
  'shared/scheduling-deps.ts',
  'shared/escalation-runtime.ts',
]);

const texts = new Map<string, string>();
const read = (file: string): string => {
  let t = texts.get(file);
  if (t === undefined) {
    t = readFileSync(join(ROOT, file), 'utf8');
    texts.set(file, t);
  }
  return t;
};

function localImports(file: string): string[] {
  const text = read(file);
  const out: string[] = [];
  for (const m of text.matchAll(/(?:from|import)\s*\(?\s*'(\.[^']+)\.js'/g)) {
    const target = relative(ROOT, resolve(dirname(join(ROOT, file)), `${m[1]}.ts`));
    if (existsSync(join(ROOT, target))) out.push(target);
  }
  return out;
}

/** The calls of the composition root's service getters in the handler's import closure. */
function servicesCalled(handler: string): Set<string> {
  const seen = new Set<string>();
  const todo = [`functions/${handler}.ts`];
  const uses = new Set<string>();
  while (todo.length > 0) {
    const file = todo.pop() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    if (STOP.has(file)) continue;
    const text = read(file);
    if (/\bescalationRuntime\(/.test(text)) {
      uses.add('sns');
      uses.add('scheduler');
    }
    if (/\bnotifyDeps(IfConfigured)?\(/.test(text)) uses.add('sns');
    if (/\bschedulingDeps(IfConfigured)?\(/.test(text)) uses.add('scheduler');
    if (/\bobjectStoreDeps\(/.test(text)) uses.add('s3');
    todo.push(...localImports(file));
  }
  return uses;
}

/**
 * Routes whose import closure reaches a service getter their code path never calls, each with its
 * reason. Empty since the compatibility module `shared/domain/incidents/service.ts` (whose `commit`
 * defaulted to `escalationRuntime()`) is gone: every service takes its runtime from its handler.
 * Exact: a route that joins this list fails the test.
 */
const CLOSURE_WIDER_THAN_PATH: Record<string, string> = {};

describe('route uses', () => {
  it('no route declares a service its code path cannot call', () => {
    const extra = routes.flatMap((r) => {
      const called = servicesCalled(r.handler);
      const declared = (r as { uses?: readonly string[] }).uses ?? [];
      const unused = declared.filter((u) => !called.has(u));
      return unused.length > 0 ? [`${r.id}: declares [${unused}] it never calls`] : [];
    });
    expect(extra).toEqual([]);
  });

  it('every service a route calls is declared, but for the listed reads whose closure is wider than their path', () => {
    const missing: Record<string, string[]> = {};
    for (const r of routes) {
      const declared = new Set((r as { uses?: readonly string[] }).uses ?? []);
      const undeclared = [...servicesCalled(r.handler)].filter((u) => !declared.has(u)).sort();
      if (undeclared.length > 0) missing[r.id] = undeclared;
    }
    expect(Object.keys(missing).sort()).toEqual(Object.keys(CLOSURE_WIDER_THAN_PATH).sort());
  });

  it('sees a call through the import closure (sanity)', () => {
    expect([...servicesCalled('incidents/create-action')].sort()).toEqual(['scheduler', 'sns']);
    expect([...servicesCalled('incidents/get-incident')]).toEqual([]);
  });
});
