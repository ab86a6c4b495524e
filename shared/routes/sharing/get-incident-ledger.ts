/** The route entry of `functions/sharing/get-incident-ledger.ts` (listed in ../index.ts). */
import * as sh from '../../schemas/sharing.js';
import { COORDINATORS, type Route } from '../types.js';

export const route = {
  id: 'getIncidentLedger',
  method: 'GET',
  path: '/incidents/{incidentId}/sharing-ledger',
  handler: 'sharing/get-incident-ledger',
  roles: COORDINATORS,
  table: 'RO',
  summary:
    'What left the organization about an incident: to whom, when, under which TLP (JSON page, CSV or JSON lines)',
  tag: 'sharing',
  query: sh.LedgerQuery,
  response: { status: 200, schema: sh.LedgerPage },
} as const satisfies Route;
