/** The route entry of `functions/taxii/list-collections.ts` (listed in ../index.ts). */
import * as sh from '../../schemas/sharing.js';
import { READERS_AND_PARTNERS, type Route } from '../types.js';

export const route = {
  id: 'listTaxiiCollections',
  method: 'GET',
  path: '/taxii2/liaison/collections',
  handler: 'taxii/list-collections',
  roles: READERS_AND_PARTNERS,
  table: 'RO',
  media: 'taxii',
  summary: 'TAXII 2.1 collections the caller may read',
  tag: 'taxii',
  response: { status: 200, schema: sh.TaxiiCollections },
} as const satisfies Route;
