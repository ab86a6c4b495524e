/** Routes whose handlers live in `functions/meta/`: one exported entry per operation (see ./index.ts). */
import * as common from '../schemas/common.js';
import type { Route } from './types.js';

// ---- meta ----
export const getOpenApi = {
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
