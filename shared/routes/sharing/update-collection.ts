/** The route entry of `functions/sharing/update-collection.ts` (listed in ../index.ts). */
import * as sh from '../../schemas/sharing.js';
import type { Route } from '../types.js';

export const route = {
  id: 'updateCollection',
  method: 'PATCH',
  path: '/sharing/collections/{collectionId}',
  handler: 'sharing/update-collection',
  roles: ['admin'],
  table: 'RW',
  summary: 'Change a TAXII collection',
  tag: 'sharing',
  body: sh.UpdateCollectionBody,
  response: { status: 200, schema: sh.Collection },
} as const satisfies Route;
