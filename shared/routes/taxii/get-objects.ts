/** The route entry of `functions/taxii/get-objects.ts` (listed in ../index.ts). */
import * as sh from '../../schemas/sharing.js';
import { READERS_AND_PARTNERS, type Route } from '../types.js';

export const route = {
  id: 'getTaxiiObjects',
  method: 'GET',
  path: '/taxii2/liaison/collections/{collectionId}/objects',
  handler: 'taxii/get-objects',
  roles: READERS_AND_PARTNERS,
  table: 'RW',
  media: 'taxii-objects',
  ledger: true,
  summary: 'TAXII 2.1 objects of a collection (filters, paging; recorded in the sharing ledger)',
  tag: 'taxii',
  query: sh.TaxiiObjectsQuery,
  response: { status: 200, schema: sh.TaxiiEnvelope },
} as const satisfies Route;
