/** The route entry of `functions/taxii/get-object-versions.ts` (listed in ../index.ts). */
import * as sh from '../../schemas/sharing.js';
import { READERS_AND_PARTNERS, type Route } from '../types.js';

export const route = {
  id: 'getTaxiiObjectVersions',
  method: 'GET',
  path: '/taxii2/liaison/collections/{collectionId}/objects/{objectId}/versions',
  handler: 'taxii/get-object-versions',
  roles: READERS_AND_PARTNERS,
  table: 'RO',
  media: 'taxii',
  summary: 'TAXII 2.1 versions of an object',
  tag: 'taxii',
  query: sh.TaxiiVersionsQuery,
  response: { status: 200, schema: sh.TaxiiVersions },
} as const satisfies Route;
