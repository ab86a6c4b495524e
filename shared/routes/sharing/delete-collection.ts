/** The route entry of `functions/sharing/delete-collection.ts` (listed in ../index.ts). */
import * as sh from '../../schemas/sharing.js';
import type { Route } from '../types.js';

export const route = {
  id: 'deleteCollection',
  method: 'DELETE',
  path: '/sharing/collections/{collectionId}',
  handler: 'sharing/delete-collection',
  roles: ['admin'],
  table: 'RW',
  summary: 'Delete a TAXII collection',
  tag: 'sharing',
  body: sh.DeleteCollectionBody,
  response: { status: 200, schema: sh.Collection },
} as const satisfies Route;
