/** The route entry of `functions/meta/get-openapi.ts` (listed in ./index.ts). */
import * as common from '../../schemas/common.js';
import type { Route } from '../types.js';

export const route = {
  id: 'getOpenApi',
  method: 'GET',
  path: '/openapi.json',
  handler: 'meta/get-openapi',
  roles: 'public',
  table: 'NONE',
  summary: 'The OpenAPI 3.1 document of this API',
  tag: 'meta',
  response: { status: 200, schema: common.OpenApiDocument },
} as const satisfies Route;
