/** The route entry of `functions/sharing/list-collections.ts` (listed in ../index.ts). */
import * as sh from '../../schemas/sharing.js';
import type { Route } from '../types.js';

export const route = {
  id: 'listCollections',
  method: 'GET',
  path: '/sharing/collections',
  handler: 'sharing/list-collections',
  roles: ['admin'],
  table: 'RO',
  summary: 'List the TAXII collections',
  tag: 'sharing',
  response: { status: 200, schema: sh.CollectionList },
} as const satisfies Route;
