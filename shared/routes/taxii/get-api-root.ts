/** The route entry of `functions/taxii/get-api-root.ts` (listed in ../index.ts). */
import * as sh from '../../schemas/sharing.js';
import { READERS_AND_PARTNERS, type Route } from '../types.js';

export const route = {
  id: 'getTaxiiApiRoot',
  method: 'GET',
  path: '/taxii2/liaison',
  handler: 'taxii/get-api-root',
  roles: READERS_AND_PARTNERS,
  table: 'NONE',
  media: 'taxii',
  summary: 'TAXII 2.1 API root information',
  tag: 'taxii',
  response: { status: 200, schema: sh.TaxiiApiRoot },
} as const satisfies Route;
