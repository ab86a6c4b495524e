/** The route entry of `functions/incidents/update-incident.ts` (listed in ./index.ts). */
import * as cons from '../../schemas/console.js';
import * as inc from '../../schemas/incidents.js';
import { COORDINATORS, type Route } from '../types.js';

export const route = {
  id: 'updateIncident',
  method: 'PATCH',
  path: '/incidents/{incidentId}',
  handler: 'incidents/update-incident',
  roles: COORDINATORS,
  table: 'RW',
  uses: ['sns', 'scheduler'],
  summary:
    'Edit title, description, severity, category, affected third parties (priority re-derived; 409 when closed)',
  tag: 'incidents',
  body: cons.UpdateIncidentBody,
  response: { status: 200, schema: inc.Incident },
} as const satisfies Route;
