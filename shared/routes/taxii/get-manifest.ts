/** The route entry of `functions/taxii/get-manifest.ts` (listed in ../index.ts). */
import * as sh from '../../schemas/sharing.js';
import { READERS_AND_PARTNERS, type Route } from '../types.js';

export const route = {
  id: 'getTaxiiManifest',
  method: 'GET',
  path: '/taxii2/liaison/collections/{collectionId}/manifest',
  handler: 'taxii/get-manifest',
  roles: READERS_AND_PARTNERS,
  table: 'RO',
  media: 'taxii',
  summary: 'TAXII 2.1 manifest of a collection',
  tag: 'taxii',
  query: sh.TaxiiObjectsQuery,
  response: { status: 200, schema: sh.TaxiiManifest },
} as const satisfies Route;
