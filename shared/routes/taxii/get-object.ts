/** The route entry of `functions/taxii/get-object.ts` (listed in ../index.ts). */
import * as sh from '../../schemas/sharing.js';
import { READERS_AND_PARTNERS, type Route } from '../types.js';

export const route = {
  id: 'getTaxiiObject',
  method: 'GET',
  path: '/taxii2/liaison/collections/{collectionId}/objects/{objectId}',
  handler: 'taxii/get-object',
  roles: READERS_AND_PARTNERS,
  table: 'RW',
  media: 'taxii-objects',
  ledger: true,
  summary: 'TAXII 2.1 object of a collection (recorded in the sharing ledger)',
  tag: 'taxii',
  query: sh.TaxiiObjectQuery,
  response: { status: 200, schema: sh.TaxiiEnvelope },
} as const satisfies Route;
