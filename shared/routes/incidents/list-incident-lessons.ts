/** The route entry of `functions/incidents/list-incident-lessons.ts` (listed in ./index.ts). */
import * as common from '../../schemas/common.js';
import * as inc from '../../schemas/incidents.js';
import { READERS, type Route } from '../types.js';

export const route = {
  id: 'listIncidentLessons',
  method: 'GET',
  path: '/incidents/{incidentId}/lessons-learned',
  handler: 'incidents/list-incident-lessons',
  roles: READERS,
  table: 'RO',
  summary:
    'Read an incident’s lessons learned, oldest first (paginated; GET /incidents/{id} holds the first 100)',
  tag: 'incidents',
  query: inc.ChildPageQuery,
  response: { status: 200, schema: common.pageOf(inc.Lesson) },
} as const satisfies Route;
