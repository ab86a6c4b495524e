/** The route entry of `functions/evidence/list-holds.ts` (listed in ../index.ts). */
import * as ev from '../../schemas/evidence.js';
import { READERS, type Route } from '../types.js';

export const route = {
  id: 'listHolds',
  method: 'GET',
  path: '/incidents/{incidentId}/holds',
  handler: 'evidence/list-holds',
  roles: READERS,
  table: 'RO',
  summary: 'The incident’s legal and disclosure holds, active and released',
  tag: 'evidence',
  response: { status: 200, schema: ev.HoldList },
} as const satisfies Route;
