/**
 * The pure half of ./record-form.tsx: the field descriptions, the text a field shows for a stored
 * value, and the request body built from what was typed (test/unit/record-form.test.ts).
 */
/** `bool` is a checkbox (always true or false); `yesno` a choice of —, yes and no (unset allowed). */
export type FieldKind =
  | 'text'
  | 'textarea'
  | 'number'
  | 'select'
  | 'list'
  | 'lines'
  | 'json'
  | 'bool'
  | 'yesno';

export interface FieldSpec {
  readonly name: string;
  readonly label: string;
  readonly kind?: FieldKind;
  readonly options?: readonly string[];
  /** `lines`: the object keys of the columns, in order. */
  readonly columns?: readonly string[];
  /** `lines`: the columns whose cells are numbers. */
  readonly numeric?: readonly string[];
  /** Edit: an emptied field is sent as `null` (the API clears it; nested: that member). */
  readonly nullable?: boolean;
  /** Only on create (e.g. the id, which never changes). */
  readonly createOnly?: boolean;
  /** Shown but not sent on edit (e.g. an organization's kind). */
  readonly readOnlyOnEdit?: boolean;
  readonly placeholder?: string;
  /** A nested member the API sets on its own (PATCH merges it): sent alone when it changed. */
  readonly merge?: boolean;
}

type Values = Record<string, unknown>;

/** The text a field shows for a stored value. */
export function formatValue(spec: FieldSpec, value: unknown): string {
  if (value === undefined || value === null) return '';
  switch (spec.kind) {
    case 'list':
      return Array.isArray(value) ? value.join(', ') : String(value);
    case 'lines':
      return Array.isArray(value)
        ? value
            .map((row) =>
              (spec.columns ?? [])
                .map((c) => {
                  const cell = (row as Values)[c];
                  return cell === undefined || cell === null ? '' : String(cell);
                })
                .join(' | ')
                .replace(/( \| )+$/, ''),
            )
            .join('\n')
        : '';
    case 'json':
      return JSON.stringify(value, null, 2);
    case 'bool':
    case 'yesno':
      return value ? 'true' : 'false';
    default:
      return String(value);
  }
}

export class LocalError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/** The API value of a field's text; `undefined` when empty. */
export function parseValue(spec: FieldSpec, text: string): unknown {
  const t = spec.kind === 'lines' || spec.kind === 'json' || spec.kind === 'textarea' ? text : text.trim();
  if (t.trim() === '') return undefined;
  switch (spec.kind) {
    case 'number': {
      const n = Number(t);
      if (!Number.isFinite(n)) throw new LocalError(spec.name, 'must be a number');
      return n;
    }
    case 'list':
      return t
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
    case 'lines':
      return t
        .split('\n')
        .map((line) => line.split('|').map((s) => s.trim()))
        .filter((cells) => cells.some(Boolean))
        .map((cells) =>
          Object.fromEntries(
            (spec.columns ?? []).flatMap((c, i) => {
              const cell = cells[i];
              if (cell === undefined || cell === '') return [];
              return [[c, spec.numeric?.includes(c) ? Number(cell) : cell]];
            }),
          ),
        );
    case 'json':
      try {
        return JSON.parse(t) as unknown;
      } catch (e) {
        throw new LocalError(spec.name, `is not valid JSON (${(e as Error).message})`);
      }
    case 'bool':
    case 'yesno':
      return t === 'true';
    default:
      return t;
  }
}

/** `a.b` of a record. */
export function valueAt(record: Values | undefined, name: string): unknown {
  let v: unknown = record;
  for (const part of name.split('.')) v = v && typeof v === 'object' ? (v as Values)[part] : undefined;
  return v;
}

function setAt(body: Values, name: string, value: unknown): void {
  const parts = name.split('.');
  let o = body;
  for (const part of parts.slice(0, -1)) {
    if (!o[part] || typeof o[part] !== 'object') o[part] = {};
    o = o[part] as Values;
  }
  o[parts[parts.length - 1] as string] = value;
}

/**
 * The request body from the form: on create every non-empty field; on edit only the changed ones.
 * Dotted names (`contactInfo.email`) build nested objects; on edit, a nested object the API
 * replaces whole is sent whole (all its fields from the form) when any of its fields changed.
 * Throws a field error for JSON that does not parse, or when nothing changed on edit.
 */
export function recordBody(
  fields: readonly FieldSpec[],
  text: (name: string) => string,
  initial?: Values,
): Values {
  const body: Values = {};
  const sent = initial ? fields.filter((f) => !(f.createOnly || f.readOnlyOnEdit)) : fields;
  const changed = (f: FieldSpec): boolean =>
    !initial || text(f.name).trim() !== formatValue(f, valueAt(initial, f.name)).trim();
  const groupChanged = (f: FieldSpec): boolean => {
    const top = f.name.split('.')[0] as string;
    return sent.some((g) => g.name.startsWith(`${top}.`) && !g.merge && changed(g));
  };
  for (const f of sent) {
    const whole = f.name.includes('.') && !f.merge;
    if (whole ? !groupChanged(f) : !changed(f)) continue;
    const v = parseValue(f, text(f.name));
    if (v === undefined) {
      if (initial && f.nullable) setAt(body, f.name, null);
      continue;
    }
    setAt(body, f.name, v);
  }
  // A changed group whose fields were all emptied is sent empty (the API replaces it with nothing).
  for (const f of sent) {
    const top = f.name.split('.')[0] as string;
    if (initial && f.name.includes('.') && !f.merge && !(top in body) && groupChanged(f)) body[top] = {};
  }
  if (initial && Object.keys(body).length === 0) throw new LocalError('', 'Nothing changed');
  return body;
}
