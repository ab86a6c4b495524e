/** The route entry of `functions/evidence/transfer-custody.ts` (listed in ../index.ts). */
import * as ev from '../../schemas/evidence.js';
import { RESPONDERS, type Route } from '../types.js';

export const route = {
  id: 'transferCustody',
  method: 'POST',
  path: '/incidents/{incidentId}/evidence/{evidenceId}/transfers',
  handler: 'evidence/transfer-custody',
  roles: RESPONDERS,
  table: 'RW',
  summary: 'Record a custody handover (from, to, when, why)',
  tag: 'evidence',
  body: ev.TransferCustodyBody,
  response: { status: 201, schema: ev.CustodyEntry },
} as const satisfies Route;
