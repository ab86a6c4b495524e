/** The route entry of `functions/sharing/create-collection.ts` (listed in ../index.ts). */
import * as sh from '../../schemas/sharing.js';
import type { Route } from '../types.js';

export const route = {
  id: 'createCollection',
  method: 'POST',
  path: '/sharing/collections',
  handler: 'sharing/create-collection',
  roles: ['admin'],
  table: 'RW',
  summary: 'Define a TAXII collection (members, TLP ceiling of the agreement, incidents)',
  tag: 'sharing',
  body: sh.CreateCollectionBody,
  response: { status: 201, schema: sh.Collection },
} as const satisfies Route;
