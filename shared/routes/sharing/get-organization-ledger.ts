/** The route entry of `functions/sharing/get-organization-ledger.ts` (listed in ../index.ts). */
import * as sh from '../../schemas/sharing.js';
import { COORDINATORS, type Route } from '../types.js';

export const route = {
  id: 'getOrganizationLedger',
  method: 'GET',
  path: '/organizations/{organizationId}/sharing-ledger',
  handler: 'sharing/get-organization-ledger',
  roles: COORDINATORS,
  table: 'RO',
  summary: 'What was shared with an organization (JSON page, CSV or JSON lines)',
  tag: 'sharing',
  query: sh.LedgerQuery,
  response: { status: 200, schema: sh.LedgerPage },
} as const satisfies Route;
