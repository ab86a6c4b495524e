/** The route entry of `functions/incidents/get-incident-report.ts` (listed in ./index.ts). */
import * as inc from '../../schemas/incidents.js';
import { READERS, type Route } from '../types.js';

export const route = {
  id: 'getIncidentReport',
  method: 'GET',
  path: '/incidents/{incidentId}/report',
  handler: 'incidents/get-incident-report',
  roles: READERS,
  table: 'RO',
  summary: 'Incident report: metrics, duration, timeline, lessons and recommendations',
  tag: 'incidents',
  response: { status: 200, schema: inc.IncidentReport },
} as const satisfies Route;
