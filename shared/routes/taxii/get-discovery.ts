/** The route entry of `functions/taxii/get-discovery.ts` (listed in ../index.ts). */
import * as sh from '../../schemas/sharing.js';
import { READERS_AND_PARTNERS, type Route } from '../types.js';

export const route = {
  id: 'getTaxiiDiscovery',
  method: 'GET',
  path: '/taxii2',
  handler: 'taxii/get-discovery',
  roles: READERS_AND_PARTNERS,
  table: 'NONE',
  media: 'taxii',
  summary: 'TAXII 2.1 server discovery',
  tag: 'taxii',
  response: { status: 200, schema: sh.TaxiiDiscovery },
} as const satisfies Route;
