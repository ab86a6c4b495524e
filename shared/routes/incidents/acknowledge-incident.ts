/** The route entry of `functions/incidents/acknowledge-incident.ts` (listed in ./index.ts). */
import * as esc from '../../schemas/escalation.js';
import { RESPONDERS, type Route } from '../types.js';

export const route = {
  id: 'acknowledgeIncident',
  method: 'POST',
  path: '/incidents/{incidentId}/acknowledge',
  handler: 'incidents/acknowledge-incident',
  roles: RESPONDERS,
  table: 'RW',
  uses: ['sns', 'scheduler'],
  summary: 'Acknowledge an incident: stops its active escalation chains and deletes their schedules',
  tag: 'escalation',
  body: esc.AcknowledgeIncidentBody,
  response: { status: 200, schema: esc.Acknowledgement },
} as const satisfies Route;
