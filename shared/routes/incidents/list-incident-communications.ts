/** The route entry of `functions/incidents/list-incident-communications.ts` (listed in ./index.ts). */
import * as common from '../../schemas/common.js';
import * as inc from '../../schemas/incidents.js';
import { READERS, type Route } from '../types.js';

export const route = {
  id: 'listIncidentCommunications',
  method: 'GET',
  path: '/incidents/{incidentId}/communications',
  handler: 'incidents/list-incident-communications',
  roles: READERS,
  table: 'RO',
  summary:
    'Read an incident’s communications, oldest first (paginated; GET /incidents/{id} holds the first 100)',
  tag: 'incidents',
  query: inc.ChildPageQuery,
  response: { status: 200, schema: common.pageOf(inc.Communication) },
} as const satisfies Route;
