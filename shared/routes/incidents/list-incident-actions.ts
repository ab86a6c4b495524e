/** The route entry of `functions/incidents/list-incident-actions.ts` (listed in ./index.ts). */
import * as common from '../../schemas/common.js';
import * as inc from '../../schemas/incidents.js';
import { READERS, type Route } from '../types.js';

export const route = {
  id: 'listIncidentActions',
  method: 'GET',
  path: '/incidents/{incidentId}/actions',
  handler: 'incidents/list-incident-actions',
  roles: READERS,
  table: 'RO',
  summary: 'Read an incident’s actions, oldest first (paginated; GET /incidents/{id} holds the first 100)',
  tag: 'incidents',
  query: inc.ChildPageQuery,
  response: { status: 200, schema: common.pageOf(inc.Action) },
} as const satisfies Route;
