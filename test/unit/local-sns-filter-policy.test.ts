import { describe, expect, it } from 'vitest';
import {
  FilterPolicyError,
  type MessageAttribute,
  matchesFilterPolicy,
  parseFilterPolicy,
} from '../../infra/local/sns/filter-policy.js';

const str = (StringValue: string): MessageAttribute => ({ DataType: 'String', StringValue });
const num = (n: number): MessageAttribute => ({ DataType: 'Number', StringValue: String(n) });
const arr = (values: unknown[]): MessageAttribute => ({
  DataType: 'String.Array',
  StringValue: JSON.stringify(values),
});

function matches(policy: object, attributes: Record<string, MessageAttribute>): boolean {
  const parsed = parseFilterPolicy(JSON.stringify(policy));
  if (!parsed) throw new Error('expected a policy');
  return matchesFilterPolicy(parsed, attributes);
}

describe('filter policy matching (MessageAttributes scope)', () => {
  it('matches exact strings, OR within a key, AND across keys', () => {
    const policy = { recipients: ['acme', 'globex'], kind: ['incident'] };
    expect(matches(policy, { recipients: str('acme'), kind: str('incident') })).toBe(true);
    expect(matches(policy, { recipients: str('globex'), kind: str('incident') })).toBe(true);
    expect(matches(policy, { recipients: str('acme'), kind: str('report') })).toBe(false);
    expect(matches(policy, { recipients: str('acme') })).toBe(false);
    expect(matches(policy, { recipients: str('ACME'), kind: str('incident') })).toBe(false);
  });

  it('matches a String.Array attribute when any element matches', () => {
    expect(matches({ recipients: ['acme'] }, { recipients: arr(['globex', 'acme']) })).toBe(true);
    expect(matches({ recipients: ['acme'] }, { recipients: arr(['globex']) })).toBe(false);
    expect(matches({ recipients: ['acme'] }, { recipients: arr([]) })).toBe(false);
    expect(matches({ n: [{ numeric: ['>', 3] }] }, { n: arr([1, 5]) })).toBe(true);
  });

  it('supports anything-but, prefix, suffix and equals-ignore-case', () => {
    expect(matches({ org: [{ 'anything-but': ['acme', 'globex'] }] }, { org: str('initech') })).toBe(true);
    expect(matches({ org: [{ 'anything-but': 'acme' }] }, { org: str('acme') })).toBe(false);
    expect(matches({ org: [{ 'anything-but': 'acme' }] }, {})).toBe(false);
    expect(matches({ org: [{ 'anything-but': { prefix: 'test-' } }] }, { org: str('test-a') })).toBe(false);
    expect(matches({ org: [{ 'anything-but': { prefix: 'test-' } }] }, { org: str('prod-a') })).toBe(true);
    expect(matches({ org: [{ prefix: 'ac' }] }, { org: str('acme') })).toBe(true);
    expect(matches({ org: [{ suffix: 'me' }] }, { org: str('acme') })).toBe(true);
    expect(matches({ org: [{ 'equals-ignore-case': 'ACME' }] }, { org: str('acme') })).toBe(true);
  });

  it('supports exists true and false', () => {
    expect(matches({ tlp: [{ exists: true }] }, { tlp: str('amber') })).toBe(true);
    expect(matches({ tlp: [{ exists: true }] }, {})).toBe(false);
    expect(matches({ tlp: [{ exists: false }] }, {})).toBe(true);
    expect(matches({ tlp: [{ exists: false }] }, { tlp: str('red') })).toBe(false);
  });

  it('matches numbers only against Number attributes, with = and ranges', () => {
    expect(matches({ priority: [{ numeric: ['=', 5] }] }, { priority: num(5) })).toBe(true);
    expect(matches({ priority: [{ numeric: ['=', 5] }] }, { priority: num(5.5) })).toBe(false);
    expect(matches({ priority: [{ numeric: ['>=', 1, '<', 3] }] }, { priority: num(2) })).toBe(true);
    expect(matches({ priority: [{ numeric: ['>=', 1, '<', 3] }] }, { priority: num(3) })).toBe(false);
    expect(matches({ priority: [5] }, { priority: num(5) })).toBe(true);
    expect(matches({ priority: [5] }, { priority: str('5') })).toBe(false);
    expect(matches({ priority: ['5'] }, { priority: num(5) })).toBe(false);
  });

  it('ignores Binary attributes for matching', () => {
    const binary: MessageAttribute = { DataType: 'Binary', BinaryValue: Buffer.from('acme') };
    expect(matches({ org: ['acme'] }, { org: binary })).toBe(false);
  });
});

describe('filter policy validation', () => {
  it('treats empty policies as no policy', () => {
    expect(parseFilterPolicy('')).toBeUndefined();
    expect(parseFilterPolicy('{}')).toBeUndefined();
  });

  it.each([
    ['not json', 'not valid JSON'],
    ['[]', 'JSON object'],
    ['{"a":"x"}', 'must be a list'],
    ['{"a":[]}', 'empty arrays'],
    ['{"a":{"b":["x"]}}', 'nested'],
    ['{"a":[{"nope":1}]}', 'unrecognized match type'],
    ['{"a":[{"numeric":["<",1,">",0]}]}', 'lower bound'],
    ['{"a":[{"numeric":[">",5,"<",1]}]}', 'bottom must be less than top'],
    ['{"a":[{"numeric":["=",2000000000]}]}', 'between -1e9 and 1e9'],
    ['{"a":[{"exists":"yes"}]}', 'exists expects'],
    ['{"a":[1],"b":[1],"c":[1],"d":[1],"e":[1],"f":[1]}', 'more than 5 keys'],
  ])('rejects %s', (policy, message) => {
    expect(() => parseFilterPolicy(policy)).toThrow(FilterPolicyError);
    expect(() => parseFilterPolicy(policy)).toThrow(message);
  });

  it('limits the number of value combinations to 150', () => {
    const values = (n: number) => Array.from({ length: n }, (_, i) => `v${i}`);
    expect(() => parseFilterPolicy(JSON.stringify({ a: values(15), b: values(10) }))).not.toThrow();
    expect(() => parseFilterPolicy(JSON.stringify({ a: values(16), b: values(10) }))).toThrow('too complex');
  });
});
