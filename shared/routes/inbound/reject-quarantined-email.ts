/** The route entry of `functions/inbound/reject-quarantined-email.ts` (listed in ./index.ts). */
import * as inbound from '../../schemas/inbound.js';
import { COORDINATORS, type Route } from '../types.js';

export const route = {
  id: 'rejectQuarantinedEmail',
  method: 'POST',
  path: '/inbound-email/quarantine/{emailId}/reject',
  handler: 'inbound/reject-quarantined-email',
  roles: COORDINATORS,
  table: 'RW',
  summary: 'Reject a quarantined e-mail: kept as rejected, never recorded on the incident',
  tag: 'inbound-email',
  body: inbound.RejectQuarantinedBody,
  response: { status: 200, schema: inbound.InboundEmail },
} as const satisfies Route;
