/** The route entry of `functions/agreements/record-sla-breaches.ts` (listed in ../index.ts). */
import * as ag from '../../schemas/agreements.js';
import { COORDINATORS, type Route } from '../types.js';

export const route = {
  id: 'recordSlaBreaches',
  method: 'POST',
  path: '/incidents/{incidentId}/sla/breaches',
  handler: 'agreements/record-sla-breaches',
  roles: COORDINATORS,
  table: 'RW',
  uses: ['scheduler'],
  summary:
    'Record the SLA breaches measured on an incident on the third parties’ records, each proposing an agreement update (one call)',
  tag: 'agreements',
  body: ag.RecordSlaBreachesBody,
  response: { status: 201, schema: ag.RecordedSlaBreaches },
} as const satisfies Route;
