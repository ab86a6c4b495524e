/** The route entry of `functions/incidents/reopen-incident.ts` (listed in ./index.ts). */
import * as inc from '../../schemas/incidents.js';
import { RESPONDERS, type Route } from '../types.js';

export const route = {
  id: 'reopenIncident',
  method: 'POST',
  path: '/incidents/{incidentId}/reopen',
  handler: 'incidents/reopen-incident',
  // The service decides among these: commander, coordinator, admin (shared/domain/command/rules.ts).
  roles: RESPONDERS,
  table: 'RW',
  uses: ['sns', 'scheduler'],
  summary: 'Reopen a closed incident',
  tag: 'incidents',
  body: inc.ReopenIncidentBody,
  response: { status: 200, schema: inc.Incident },
} as const satisfies Route;
