/** The route entry of `functions/agreements/get-incident-sla.ts` (listed in ../index.ts). */
import * as ag from '../../schemas/agreements.js';
import { READERS, type Route } from '../types.js';

export const route = {
  id: 'getIncidentSla',
  method: 'GET',
  path: '/incidents/{incidentId}/sla',
  handler: 'agreements/get-incident-sla',
  roles: READERS,
  table: 'RO',
  summary:
    'Measure the affected third parties’ contractual SLAs (notification, acknowledgement) on an incident from its communications and timeline',
  tag: 'agreements',
  response: { status: 200, schema: ag.IncidentSla },
} as const satisfies Route;
