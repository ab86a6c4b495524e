/** The route entry of `functions/incidents/assess-impact.ts` (listed in ./index.ts). */
import * as inc from '../../schemas/incidents.js';
import { COORDINATORS, type Route } from '../types.js';

export const route = {
  id: 'assessImpact',
  method: 'PUT',
  path: '/incidents/{incidentId}/impact-assessment',
  handler: 'incidents/assess-impact',
  roles: COORDINATORS,
  table: 'RW',
  uses: ['sns', 'scheduler'],
  summary: 'Record the impact assessment; the priority is re-derived from it',
  tag: 'incidents',
  body: inc.ImpactAssessmentBody,
  response: { status: 200, schema: inc.Incident },
} as const satisfies Route;
