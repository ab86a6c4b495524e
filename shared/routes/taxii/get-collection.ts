/** The route entry of `functions/taxii/get-collection.ts` (listed in ../index.ts). */
import * as sh from '../../schemas/sharing.js';
import { READERS_AND_PARTNERS, type Route } from '../types.js';

export const route = {
  id: 'getTaxiiCollection',
  method: 'GET',
  path: '/taxii2/liaison/collections/{collectionId}',
  handler: 'taxii/get-collection',
  roles: READERS_AND_PARTNERS,
  table: 'RO',
  media: 'taxii',
  summary: 'TAXII 2.1 collection',
  tag: 'taxii',
  response: { status: 200, schema: sh.TaxiiCollection },
} as const satisfies Route;
