/**
 * The OASIS STIX 2.1 JSON schemas (../shared/conformance/stix2.1/, draft 2020-12) in ajv: every file
 * registered under its `$id` and the `https://` form, so `$ref`s resolve offline. `common/bundle.json`
 * does not list every type (PROVENANCE.md), so a bundle is checked as an envelope and then each
 * object against the schema of its `type` (marking definitions included).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

const ROOT = new URL('../../../shared/conformance/stix2.1/schemas/', import.meta.url).pathname;
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

export function stixValidator(): {
  objectErrors(o: { type: string }): string[];
  bundleErrors(b: { objects: { type: string; id: string }[] }): string[];
} {
  // The OASIS patterns use escapes (`\-`) that Unicode-mode regular expressions reject.
  const ajv = new Ajv2020({ strict: false, allErrors: true, unicodeRegExp: false });
  addFormats(ajv);
  const byType = new Map<string, string>();
  for (const dir of readdirSync(ROOT)) {
    for (const file of readdirSync(join(ROOT, dir))) {
      if (!file.endsWith('.json')) continue;
      const schema = JSON.parse(readFileSync(join(ROOT, dir, file), 'utf8')) as { $id: string };
      ajv.addSchema(schema);
      const https = schema.$id.replace(/^http:/, 'https:');
      if (https !== schema.$id) ajv.addSchema({ ...schema, $id: https });
      byType.set(file.replace(/\.json$/, ''), schema.$id);
    }
  }
  const compiled = new Map<string, ValidateFunction>();
  const validatorOf = (type: string): ValidateFunction => {
    const id = byType.get(type === 'marking-definition' ? 'marking-definition' : type);
    if (!id) throw new Error(`No OASIS schema for STIX type ${type}`);
    let v = compiled.get(id);
    if (!v) {
      v = ajv.getSchema(id) as ValidateFunction;
      compiled.set(id, v);
    }
    return v;
  };
  // Compiled now, not on first use: compiling blocks the event loop for seconds, long enough for a
  // local server to drop an idle keep-alive connection in the middle of a test.
  for (const type of byType.keys()) if (!['core', 'properties'].includes(type)) validatorOf(type);
  const errorsOf = (v: ValidateFunction, value: unknown, label: string) =>
    v(value) ? [] : (v.errors ?? []).map((e) => `${label}${e.instancePath} ${e.message ?? ''}`);
  return {
    objectErrors: (o) => errorsOf(validatorOf(o.type), o, o.type),
    bundleErrors(b) {
      const envelope = validatorOf('bundle');
      // The envelope with the objects every version of bundle.json lists (the marking definitions).
      const markings = b.objects.filter((o) => o.type === 'marking-definition');
      const { objects: _, ...rest } = b;
      const out = errorsOf(envelope, markings.length ? { ...rest, objects: markings } : rest, 'bundle');
      for (const o of b.objects) out.push(...errorsOf(validatorOf(o.type), o, o.id));
      return out;
    },
  };
}
