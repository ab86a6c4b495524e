/** The route entry of `functions/incidents/list-incidents.ts` (listed in ./index.ts). */
import * as common from '../../schemas/common.js';
import * as inc from '../../schemas/incidents.js';
import { READERS_AND_PARTNERS, type Route } from '../types.js';

export const route = {
  id: 'listIncidents',
  method: 'GET',
  path: '/incidents',
  handler: 'incidents/list-incidents',
  roles: READERS_AND_PARTNERS,
  table: 'RO',
  summary: 'List incidents, newest first (paginated; filter by status, priority, thirdParty)',
  tag: 'incidents',
  query: inc.ListIncidentsQuery,
  response: { status: 200, schema: common.pageOf(inc.IncidentSummary) },
} as const satisfies Route;
