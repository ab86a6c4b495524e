/** The console's closed lists (web/src/enums.ts) are the API's: the same values as docs/openapi.json. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ENUM_SOURCES, ENUMS } from '../../web/src/enums.js';

const spec = JSON.parse(readFileSync(new URL('../../docs/openapi.json', import.meta.url), 'utf8')) as {
  components: { schemas: Record<string, { properties?: Record<string, { enum?: string[] }> }> };
};

describe('web/src/enums.ts', () => {
  it.each(Object.entries(ENUM_SOURCES))('%s matches the OpenAPI schema it names', (name, source) => {
    const property = spec.components.schemas[source.schema]?.properties?.[source.property];
    expect(property?.enum, `${source.schema}.${source.property} has no enum`).toBeDefined();
    const expected = (property?.enum ?? []).filter((v) => !(source.omitted ?? []).includes(v));
    expect([...ENUMS[name as keyof typeof ENUMS]]).toEqual(expected);
  });
});
