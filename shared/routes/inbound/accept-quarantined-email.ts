/** The route entry of `functions/inbound/accept-quarantined-email.ts` (listed in ./index.ts). */
import * as inbound from '../../schemas/inbound.js';
import { COORDINATORS, type Route } from '../types.js';

export const route = {
  id: 'acceptQuarantinedEmail',
  method: 'POST',
  path: '/inbound-email/quarantine/{emailId}/accept',
  handler: 'inbound/accept-quarantined-email',
  roles: COORDINATORS,
  table: 'RW',
  // Its attachments become evidence items (an incident-wide legal hold: Object Lock on each).
  uses: ['s3'],
  summary:
    'Accept a quarantined e-mail: recorded as an inbound communication of its incident, its attachments registered as evidence',
  tag: 'inbound-email',
  body: inbound.AcceptQuarantinedBody,
  response: { status: 200, schema: inbound.InboundEmail },
} as const satisfies Route;
