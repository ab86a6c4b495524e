/**
 * SNS subscription filter policies on message attributes (FilterPolicyScope = MessageAttributes):
 * validation with SNS's limits and messages, and matching.
 * https://docs.aws.amazon.com/sns/latest/dg/sns-subscription-filter-policies.html
 *
 * A policy is `{ attributeName: [condition, …], … }`: every key must match (AND), a key matches when
 * any of its conditions matches (OR), and for a `String.Array` attribute a condition matches when any
 * element of the array matches. Conditions: a string (exact), a number (numeric equality with a
 * `Number` attribute), `{"prefix"}`, `{"suffix"}`, `{"equals-ignore-case"}`, `{"anything-but": …}`,
 * `{"exists": true|false}` and `{"numeric": [op, n, (op, n)]}`.
 */

/** A message attribute as published (`DataType` String, Number, Binary, String.Array, or `Type.custom`). */
export interface MessageAttribute {
  readonly DataType: string;
  readonly StringValue?: string | undefined;
  readonly BinaryValue?: Uint8Array | undefined;
}

export class FilterPolicyError extends Error {
  override readonly name = 'FilterPolicyError';
}

/** SNS: at most 5 attribute names per policy and 150 value combinations (product of the value counts). */
export const MAX_POLICY_KEYS = 5;
export const MAX_POLICY_COMBINATIONS = 150;
/** SNS: numeric values between -1e9 and 1e9, with at most 5 digits after the decimal point. */
const NUMERIC_LIMIT = 1e9;

type Scalar = string | number | boolean | null;
type NumericOp = '=' | '<' | '<=' | '>' | '>=';

type Condition =
  | { readonly kind: 'equals'; readonly value: string | number }
  | { readonly kind: 'prefix'; readonly value: string }
  | { readonly kind: 'suffix'; readonly value: string }
  | { readonly kind: 'equals-ignore-case'; readonly value: string }
  | { readonly kind: 'anything-but'; readonly values: readonly (string | number)[] }
  | { readonly kind: 'anything-but-prefix'; readonly value: string }
  | { readonly kind: 'exists'; readonly value: boolean }
  | { readonly kind: 'numeric'; readonly tests: ReadonlyArray<readonly [NumericOp, number]> };

export interface FilterPolicy {
  readonly keys: ReadonlyArray<{ readonly name: string; readonly conditions: readonly Condition[] }>;
}

const fail = (message: string): never => {
  throw new FilterPolicyError(message);
};

function checkNumber(value: unknown, where: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return fail(`${where}: value must be numeric`);
  if (Math.abs(value) > NUMERIC_LIMIT) return fail(`${where}: numeric value must be between -1e9 and 1e9`);
  const decimals = String(value).split('.')[1];
  if (decimals && decimals.length > 5)
    return fail(`${where}: numeric value precision is limited to 5 digits`);
  return value;
}

function parseNumeric(spec: unknown, key: string): Condition {
  const where = `Filter policy key ${key}: numeric`;
  if (!Array.isArray(spec) || spec.length === 0 || spec.length % 2 !== 0 || spec.length > 4) {
    return fail(`${where} must be an array of operator and value pairs`);
  }
  const tests: Array<readonly [NumericOp, number]> = [];
  for (let i = 0; i < spec.length; i += 2) {
    const op = spec[i];
    if (op !== '=' && op !== '<' && op !== '<=' && op !== '>' && op !== '>=') {
      return fail(`${where}: unrecognized numeric range operator ${JSON.stringify(op)}`);
    }
    tests.push([op, checkNumber(spec[i + 1], where)]);
  }
  const [first, second] = tests;
  if (second) {
    // A range: a lower bound first, then an upper bound above it.
    if (!first || (first[0] !== '>' && first[0] !== '>=') || (second[0] !== '<' && second[0] !== '<=')) {
      return fail(`${where}: a range must be a lower bound (> or >=) followed by an upper bound (< or <=)`);
    }
    if (second[1] <= first[1]) return fail(`${where}: bottom must be less than top`);
  }
  return { kind: 'numeric', tests };
}

function parseAnythingBut(spec: unknown, key: string): Condition {
  const where = `Filter policy key ${key}: anything-but`;
  if (typeof spec === 'string') return { kind: 'anything-but', values: [spec] };
  if (typeof spec === 'number') return { kind: 'anything-but', values: [checkNumber(spec, where)] };
  if (Array.isArray(spec)) {
    if (spec.length === 0) return fail(`${where}: value list must not be empty`);
    const values = spec.map((v) =>
      typeof v === 'string'
        ? v
        : typeof v === 'number'
          ? checkNumber(v, where)
          : fail(`${where}: ${JSON.stringify(v)} is not a string or number`),
    );
    return { kind: 'anything-but', values };
  }
  if (spec !== null && typeof spec === 'object') {
    const entries = Object.entries(spec);
    const [only] = entries;
    if (
      entries.length === 1 &&
      only &&
      only[0] === 'prefix' &&
      typeof only[1] === 'string' &&
      only[1] !== ''
    ) {
      return { kind: 'anything-but-prefix', value: only[1] };
    }
  }
  return fail(`${where}: expected a string, a number, a list of them, or {"prefix": "…"}`);
}

function parseCondition(item: unknown, key: string): Condition {
  if (typeof item === 'string') return { kind: 'equals', value: item };
  if (typeof item === 'number')
    return { kind: 'equals', value: checkNumber(item, `Filter policy key ${key}`) };
  if (item === null || typeof item !== 'object' || Array.isArray(item)) {
    return fail(`Filter policy key ${key}: match value must be a string, a number or an operator object`);
  }
  const entries = Object.entries(item);
  const [only] = entries;
  if (entries.length !== 1 || !only)
    return fail(`Filter policy key ${key}: an operator object has exactly one key`);
  const [operator, spec] = only;
  switch (operator) {
    case 'prefix':
    case 'suffix':
    case 'equals-ignore-case':
      if (typeof spec !== 'string' || spec === '')
        return fail(`Filter policy key ${key}: ${operator} expects a non-empty string`);
      return { kind: operator, value: spec };
    case 'exists':
      if (typeof spec !== 'boolean') return fail(`Filter policy key ${key}: exists expects true or false`);
      return { kind: 'exists', value: spec };
    case 'anything-but':
      return parseAnythingBut(spec, key);
    case 'numeric':
      return parseNumeric(spec, key);
    default:
      return fail(`Filter policy key ${key}: unrecognized match type ${operator}`);
  }
}

/**
 * Parses and validates a FilterPolicy attribute value. `''` and `'{}'` mean "no policy" (undefined).
 * Throws {@link FilterPolicyError} with a message in the spirit of SNS's.
 */
export function parseFilterPolicy(json: string): FilterPolicy | undefined {
  if (json.trim() === '') return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return fail('Filter policy is not valid JSON');
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
    return fail('Filter policy must be a JSON object');
  const entries = Object.entries(raw);
  if (entries.length === 0) return undefined;
  if (entries.length > MAX_POLICY_KEYS)
    return fail(`Filter policy can not have more than ${MAX_POLICY_KEYS} keys`);
  let combinations = 1;
  const keys = entries.map(([name, value]) => {
    if (name.startsWith('$'))
      return fail(`Filter policy key ${name}: $or and other $ keys are not supported by the local emulator`);
    if (!Array.isArray(value)) {
      return fail(
        value !== null && typeof value === 'object'
          ? `Filter policy scope MessageAttributes does not support nested filter policy (key ${name})`
          : `Filter policy key ${name}: match criteria must be a list`,
      );
    }
    if (value.length === 0) return fail(`Filter policy key ${name}: empty arrays are not allowed`);
    combinations *= value.length;
    return { name, conditions: value.map((item) => parseCondition(item, name)) };
  });
  if (combinations > MAX_POLICY_COMBINATIONS) {
    return fail(
      `Filter policy is too complex: ${combinations} combinations, at most ${MAX_POLICY_COMBINATIONS}`,
    );
  }
  return { keys };
}

/** The values an attribute is matched on (Binary attributes have none: SNS does not filter on them). */
function valuesOf(attribute: MessageAttribute): Scalar[] {
  const type = attribute.DataType;
  const value = attribute.StringValue;
  if (type === 'String.Array') {
    try {
      const parsed: unknown = JSON.parse(value ?? '');
      return Array.isArray(parsed) ? (parsed as Scalar[]) : [];
    } catch {
      return [];
    }
  }
  if (type === 'Number' || type.startsWith('Number.')) return value === undefined ? [] : [Number(value)];
  if (type === 'String' || type.startsWith('String.')) return value === undefined ? [] : [value];
  return [];
}

function numericHolds(value: number, [op, bound]: readonly [NumericOp, number]): boolean {
  switch (op) {
    case '=':
      return value === bound;
    case '<':
      return value < bound;
    case '<=':
      return value <= bound;
    case '>':
      return value > bound;
    case '>=':
      return value >= bound;
  }
}

function valueMatches(condition: Condition, value: Scalar): boolean {
  switch (condition.kind) {
    case 'equals':
      return value === condition.value;
    case 'prefix':
      return typeof value === 'string' && value.startsWith(condition.value);
    case 'suffix':
      return typeof value === 'string' && value.endsWith(condition.value);
    case 'equals-ignore-case':
      return typeof value === 'string' && value.toLowerCase() === condition.value.toLowerCase();
    case 'anything-but':
      return (typeof value === 'string' || typeof value === 'number') && !condition.values.includes(value);
    case 'anything-but-prefix':
      return typeof value === 'string' && !value.startsWith(condition.value);
    case 'numeric':
      return typeof value === 'number' && condition.tests.every((test) => numericHolds(value, test));
    case 'exists':
      return condition.value;
  }
}

/** True when the message attributes satisfy every key of the policy. */
export function matchesFilterPolicy(
  policy: FilterPolicy,
  attributes: Readonly<Record<string, MessageAttribute>>,
): boolean {
  return policy.keys.every(({ name, conditions }) => {
    const attribute = Object.hasOwn(attributes, name) ? attributes[name] : undefined;
    if (attribute === undefined) return conditions.some((c) => c.kind === 'exists' && !c.value);
    const values = valuesOf(attribute);
    return conditions.some((c) =>
      c.kind === 'exists' ? c.value : values.some((value) => valueMatches(c, value)),
    );
  });
}
