/** The route entry of `functions/sharing/list-indicators.ts` (listed in ../index.ts). */
import * as sh from '../../schemas/sharing.js';
import { READERS, type Route } from '../types.js';

export const route = {
  id: 'listIndicators',
  method: 'GET',
  path: '/incidents/{incidentId}/indicators',
  handler: 'sharing/list-indicators',
  roles: READERS,
  table: 'RO',
  summary: 'Read an incident’s indicators with their sightings',
  tag: 'sharing',
  response: { status: 200, schema: sh.IndicatorList },
} as const satisfies Route;
