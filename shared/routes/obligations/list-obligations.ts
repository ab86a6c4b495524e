/** The route entry of `functions/obligations/list-obligations.ts` (listed in ./index.ts). */
import * as obl from '../../schemas/obligations.js';
import { READERS, type Route } from '../types.js';

export const route = {
  id: 'listObligations',
  method: 'GET',
  path: '/incidents/{incidentId}/obligations',
  handler: 'obligations/list-obligations',
  roles: READERS,
  table: 'RO',
  summary: 'List an incident’s obligations with due times, time left, status and content checklists',
  tag: 'obligations',
  response: { status: 200, schema: obl.ObligationList },
} as const satisfies Route;
