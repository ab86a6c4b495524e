/** The route entry of `functions/incidents/get-incident-timeline.ts` (listed in ./index.ts). */
import * as common from '../../schemas/common.js';
import * as inc from '../../schemas/incidents.js';
import { READERS_AND_PARTNERS, type Route } from '../types.js';

export const route = {
  id: 'getIncidentTimeline',
  method: 'GET',
  path: '/incidents/{incidentId}/timeline',
  handler: 'incidents/get-incident-timeline',
  roles: READERS_AND_PARTNERS,
  table: 'RO',
  summary: 'Read an incident’s timeline, oldest first (paginated)',
  tag: 'incidents',
  query: inc.TimelineQuery,
  response: { status: 200, schema: common.pageOf(inc.TimelineEntry) },
} as const satisfies Route;
