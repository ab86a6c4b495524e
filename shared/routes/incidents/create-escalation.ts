/** The route entry of `functions/incidents/create-escalation.ts` (listed in ./index.ts). */
import * as inc from '../../schemas/incidents.js';
import { COORDINATORS, type Route } from '../types.js';

export const route = {
  id: 'createEscalation',
  method: 'POST',
  path: '/incidents/{incidentId}/escalations',
  handler: 'incidents/create-escalation',
  roles: COORDINATORS,
  table: 'RW',
  uses: ['sns', 'scheduler'],
  summary: 'Escalate (ESC-n); a critical escalation makes the incident critical',
  tag: 'incidents',
  body: inc.CreateEscalationBody,
  response: { status: 201, schema: inc.Escalation },
} as const satisfies Route;
