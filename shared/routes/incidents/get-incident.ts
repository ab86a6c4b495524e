/** The route entry of `functions/incidents/get-incident.ts` (listed in ./index.ts). */
import * as inc from '../../schemas/incidents.js';
import { READERS_AND_PARTNERS, type Route } from '../types.js';

export const route = {
  id: 'getIncident',
  method: 'GET',
  path: '/incidents/{incidentId}',
  handler: 'incidents/get-incident',
  roles: READERS_AND_PARTNERS,
  table: 'RO',
  summary: 'Read an incident with its actions, communications, escalations, lessons and timeline',
  tag: 'incidents',
  response: { status: 200, schema: inc.IncidentDetail },
} as const satisfies Route;
