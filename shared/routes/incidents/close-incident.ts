/** The route entry of `functions/incidents/close-incident.ts` (listed in ./index.ts). */
import * as inc from '../../schemas/incidents.js';
import { RESPONDERS, type Route } from '../types.js';

export const route = {
  id: 'closeIncident',
  method: 'POST',
  path: '/incidents/{incidentId}/close',
  handler: 'incidents/close-incident',
  // The service decides among these: commander, coordinator, admin (shared/domain/command/rules.ts).
  roles: RESPONDERS,
  table: 'RW',
  uses: ['sns', 'scheduler'],
  summary: 'Close an incident (409 while actions are pending or in progress)',
  tag: 'incidents',
  body: inc.CloseIncidentBody,
  response: { status: 200, schema: inc.Incident },
} as const satisfies Route;
