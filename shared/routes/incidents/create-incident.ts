/** The route entry of `functions/incidents/create-incident.ts` (listed in ./index.ts). */
import * as inc from '../../schemas/incidents.js';
import { COORDINATORS, type Route } from '../types.js';

export const route = {
  id: 'createIncident',
  method: 'POST',
  path: '/incidents',
  handler: 'incidents/create-incident',
  roles: COORDINATORS,
  table: 'RW',
  uses: ['sns', 'scheduler'],
  summary: 'Open an incident',
  tag: 'incidents',
  body: inc.CreateIncidentBody,
  response: { status: 201, schema: inc.Incident },
} as const satisfies Route;
