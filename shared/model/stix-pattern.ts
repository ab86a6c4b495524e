/**
 * The basic grammar of a STIX 2.1 pattern (STIX 2.1 §9, patterning): observation expressions in
 * brackets, each a comparison expression of `<object-type>:<property path> <operator> <constant>`
 * joined by AND / OR (parentheses allowed), observations joined by AND / OR / FOLLOWEDBY, and the
 * qualifiers WITHIN n SECONDS, REPEATS n TIMES, START t STOP t. No maintained JavaScript validator
 * of STIX patterns exists (the OASIS one, `stix2-patterns`, is Python), so this checks the grammar
 * only: it does not know which properties each object type has. Pure: no dependency.
 */

type Tok = {
  readonly kind: 'punct' | 'word' | 'string' | 'number' | 'ts' | 'bin' | 'hex';
  readonly text: string;
};

const TOKEN =
  /\s*(?:(t'[^']*')|(b'[A-Za-z0-9+/=]*')|(h'(?:[0-9A-Fa-f]{2})*')|('(?:[^'\\]|\\.)*')|(-?\d+(?:\.\d+)?)|(!=|<=|>=|[[\]():=<>,])|([A-Za-z_][A-Za-z0-9_\-.[\]*:']*?(?=[\s\]()=!<>,]|$)))/y;

function tokenize(text: string): Tok[] | string {
  const out: Tok[] = [];
  TOKEN.lastIndex = 0;
  let at = 0;
  while (at < text.length) {
    if (/^\s*$/.test(text.slice(at))) break;
    TOKEN.lastIndex = at;
    const m = TOKEN.exec(text);
    if (!m || m.index !== at) return `unexpected character at ${at}`;
    at = TOKEN.lastIndex;
    if (m[1]) out.push({ kind: 'ts', text: m[1] });
    else if (m[2]) out.push({ kind: 'bin', text: m[2] });
    else if (m[3]) out.push({ kind: 'hex', text: m[3] });
    else if (m[4]) out.push({ kind: 'string', text: m[4] });
    else if (m[5]) out.push({ kind: 'number', text: m[5] });
    else if (m[6]) out.push({ kind: 'punct', text: m[6] });
    else if (m[7]) out.push({ kind: 'word', text: m[7] });
  }
  return out;
}

const OBJECT_PATH = /^[a-z0-9][a-z0-9-]*:[A-Za-z0-9_]+(?:(?:\.[A-Za-z0-9_-]+|\.'[^']+')|\[(?:\d+|\*)\])*$/;
const COMPARISON = new Set(['=', '!=', '<', '<=', '>', '>=']);
const WORD_OPS = new Set(['IN', 'LIKE', 'MATCHES', 'ISSUBSET', 'ISSUPERSET']);
const TIMESTAMP = /^t'\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z'$/;

/** `null` when `pattern` follows the grammar, else why not. */
export function stixPatternError(pattern: string): string | null {
  const toks = tokenize(pattern);
  if (typeof toks === 'string') return toks;
  if (toks.length === 0) return 'empty pattern';
  let i = 0;
  const peek = () => toks[i];
  const isPunct = (p: string) => peek()?.kind === 'punct' && peek()?.text === p;
  const isWord = (w: string) => peek()?.kind === 'word' && peek()?.text.toUpperCase() === w;
  const fail = (what: string) => {
    throw new Error(`${what} at token ${i + 1}${peek() ? ` ("${peek()?.text}")` : ' (end)'}`);
  };
  const expectPunct = (p: string) => {
    if (!isPunct(p)) fail(`expected "${p}"`);
    i++;
  };
  const constant = () => {
    const t = peek();
    if (!t) return fail('expected a constant');
    if (
      t.kind === 'string' ||
      t.kind === 'number' ||
      t.kind === 'bin' ||
      t.kind === 'hex' ||
      t.kind === 'ts'
    ) {
      if (t.kind === 'ts' && !TIMESTAMP.test(t.text)) fail('invalid timestamp');
      i++;
      return;
    }
    if (t.kind === 'word' && (t.text === 'true' || t.text === 'false')) {
      i++;
      return;
    }
    fail('expected a constant');
  };
  const comparison = (): void => {
    if (isPunct('(')) {
      i++;
      orComparison();
      expectPunct(')');
      return;
    }
    const path = peek();
    if (path?.kind !== 'word' || !OBJECT_PATH.test(path.text)) fail('expected <object-type>:<property>');
    i++;
    if (isWord('NOT')) i++;
    const op = peek();
    if (op?.kind === 'punct' && COMPARISON.has(op.text)) {
      i++;
      constant();
    } else if (op?.kind === 'word' && WORD_OPS.has(op.text.toUpperCase())) {
      i++;
      if (op.text.toUpperCase() === 'IN') {
        expectPunct('(');
        constant();
        while (isPunct(',')) {
          i++;
          constant();
        }
        expectPunct(')');
      } else constant();
    } else fail('expected a comparison operator');
  };
  const orComparison = (): void => {
    comparison();
    while (isWord('AND') || isWord('OR')) {
      i++;
      comparison();
    }
  };
  const qualifiers = () => {
    for (;;) {
      if (isWord('WITHIN')) {
        i++;
        if (peek()?.kind !== 'number') fail('expected a number');
        i++;
        if (!isWord('SECONDS')) fail('expected SECONDS');
        i++;
      } else if (isWord('REPEATS')) {
        i++;
        if (peek()?.kind !== 'number') fail('expected a number');
        i++;
        if (!isWord('TIMES')) fail('expected TIMES');
        i++;
      } else if (isWord('START')) {
        i++;
        if (peek()?.kind !== 'ts') fail('expected a timestamp');
        i++;
        if (!isWord('STOP')) fail('expected STOP');
        i++;
        if (peek()?.kind !== 'ts') fail('expected a timestamp');
        i++;
      } else return;
    }
  };
  const observation = (): void => {
    if (isPunct('(')) {
      i++;
      observations();
      expectPunct(')');
    } else {
      expectPunct('[');
      orComparison();
      expectPunct(']');
    }
    qualifiers();
  };
  const observations = (): void => {
    observation();
    while (isWord('AND') || isWord('OR') || isWord('FOLLOWEDBY')) {
      i++;
      observation();
    }
  };
  try {
    observations();
    if (i !== toks.length) fail('unexpected input');
    return null;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}
