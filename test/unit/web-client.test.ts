/**
 * The console's API types are generated from docs/openapi.json (`npm run web:client`), never written
 * by hand: this fails when web/src/api/schema.d.ts no longer matches the specification.
 */
import { readFileSync } from 'node:fs';
import openapiTS, { astToString, COMMENT_HEADER } from 'openapi-typescript';
import { expect, it } from 'vitest';

it('web/src/api/schema.d.ts is what openapi-typescript makes of docs/openapi.json', async () => {
  const spec = JSON.parse(readFileSync(new URL('../../docs/openapi.json', import.meta.url), 'utf8'));
  const expected = COMMENT_HEADER + astToString(await openapiTS(spec));
  const actual = readFileSync(new URL('../../web/src/api/schema.d.ts', import.meta.url), 'utf8');
  expect(actual === expected, 'the console client is stale: run `npm run web:client`').toBe(true);
});
