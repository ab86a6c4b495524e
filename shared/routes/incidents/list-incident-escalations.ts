/** The route entry of `functions/incidents/list-incident-escalations.ts` (listed in ./index.ts). */
import * as common from '../../schemas/common.js';
import * as inc from '../../schemas/incidents.js';
import { READERS, type Route } from '../types.js';

export const route = {
  id: 'listIncidentEscalations',
  method: 'GET',
  path: '/incidents/{incidentId}/escalations',
  handler: 'incidents/list-incident-escalations',
  roles: READERS,
  table: 'RO',
  summary:
    'Read an incident’s escalations, oldest first (paginated; GET /incidents/{id} holds the first 100)',
  tag: 'incidents',
  query: inc.ChildPageQuery,
  response: { status: 200, schema: common.pageOf(inc.Escalation) },
} as const satisfies Route;
