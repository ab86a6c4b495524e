/**
 * The awsQuery wire format the installed `@aws-sdk/client-sns` speaks: a form-encoded POST
 * (`Action=Publish&Version=2010-03-31&…`, lists as `Name.member.N`, maps as `Name.entry.N.key|value`)
 * answered with XML in the `http://sns.amazonaws.com/doc/2010-03-31/` namespace.
 */
import type { SnsError } from './errors.js';
import { invalidParameter } from './errors.js';

export const XML_NAMESPACE = 'http://sns.amazonaws.com/doc/2010-03-31/';

/** A view on the flat request parameters, optionally under a prefix (`Tags.member.1.`). */
export class Params {
  constructor(
    private readonly values: ReadonlyMap<string, string>,
    private readonly prefix = '',
  ) {}

  static parse(form: string): Params {
    return new Params(new Map(new URLSearchParams(form)));
  }

  get(name: string): string | undefined {
    return this.values.get(this.prefix + name);
  }

  /** A required, non-empty parameter (InvalidParameter otherwise, as SNS answers). */
  required(name: string): string {
    const value = this.get(name);
    if (value === undefined || value === '') throw invalidParameter(`${name}`);
    return value;
  }

  /** The value of a scalar list member (`TagKeys.member.1`) this view points at. */
  value(): string | undefined {
    return this.values.get(this.prefix.replace(/\.$/, ''));
  }

  bool(name: string): boolean {
    return this.get(name)?.toLowerCase() === 'true';
  }

  /** `Name.member.1`, `Name.member.2`, … until the first gap. */
  list(name: string): Params[] {
    const out: Params[] = [];
    for (let i = 1; ; i++) {
      const prefix = `${this.prefix}${name}.member.${i}.`;
      if (![...this.values.keys()].some((k) => k.startsWith(prefix) || k === prefix.slice(0, -1))) break;
      out.push(new Params(this.values, prefix));
    }
    return out;
  }

  /** `Name.entry.N.<keyName>` / `Name.entry.N.<valueName>…` → one Params per entry, with its key. */
  entries(name: string, keyName = 'key'): Array<{ key: string; value: Params }> {
    const out: Array<{ key: string; value: Params }> = [];
    for (let i = 1; ; i++) {
      const prefix = `${this.prefix}${name}.entry.${i}.`;
      const key = this.values.get(`${prefix}${keyName}`);
      if (key === undefined) break;
      out.push({ key, value: new Params(this.values, prefix) });
    }
    return out;
  }

  /** A string map (`Attributes.entry.N.key|value`). */
  map(name: string): Record<string, string> {
    const out: Record<string, string> = {};
    for (const { key, value } of this.entries(name)) out[key] = value.get('value') ?? '';
    return out;
  }
}

// ---------------------------------------------------------------- XML

export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\r/g, '&#xD;');
}

/** An XML fragment: text is escaped, objects become elements, arrays become `<member>`s. */
export type XmlValue = string | number | boolean | undefined | XmlRaw | XmlValue[] | XmlObject;
export interface XmlObject {
  readonly [name: string]: XmlValue;
}

/** Pre-rendered XML (see {@link xmlMap}). */
export class XmlRaw {
  constructor(readonly xml: string) {}
}

/** A string map as the SDK's XML deserializer reads it: `<entry><key/><value/></entry>…`. */
export function xmlMap(map: Readonly<Record<string, string>>): XmlRaw {
  return new XmlRaw(
    Object.entries(map)
      .map(([k, v]) => `<entry><key>${escapeXml(k)}</key><value>${escapeXml(v)}</value></entry>`)
      .join(''),
  );
}

export function render(value: XmlValue): string {
  if (value === undefined) return '';
  if (value instanceof XmlRaw) return value.xml;
  if (Array.isArray(value)) return value.map((item) => `<member>${render(item)}</member>`).join('');
  if (typeof value === 'object') {
    let out = '';
    for (const [name, child] of Object.entries(value)) {
      if (child === undefined) continue;
      out += `<${name}>${render(child)}</${name}>`;
    }
    return out;
  }
  return escapeXml(String(value));
}

/** `<ActionResponse><ActionResult>…</ActionResult><ResponseMetadata>…` (no Result element when undefined). */
export function successXml(action: string, result: XmlObject | undefined, requestId: string): string {
  const body = result === undefined ? '' : `<${action}Result>${render(result)}</${action}Result>`;
  return `<?xml version="1.0"?>\n<${action}Response xmlns="${XML_NAMESPACE}">${body}<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${action}Response>\n`;
}

export function errorXml(error: SnsError, requestId: string): string {
  return `<?xml version="1.0"?>\n<ErrorResponse xmlns="${XML_NAMESPACE}"><Error><Type>${error.type}</Type><Code>${escapeXml(error.code)}</Code><Message>${escapeXml(error.message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>\n`;
}
