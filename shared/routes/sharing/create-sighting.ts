/** The route entry of `functions/sharing/create-sighting.ts` (listed in ../index.ts). */
import * as sh from '../../schemas/sharing.js';
import { RESPONDERS, type Route } from '../types.js';

export const route = {
  id: 'createSighting',
  method: 'POST',
  path: '/incidents/{incidentId}/indicators/{indicatorId}/sightings',
  handler: 'sharing/create-sighting',
  roles: RESPONDERS,
  table: 'RW',
  summary: 'Record where and when an indicator was seen',
  tag: 'sharing',
  body: sh.CreateSightingBody,
  response: { status: 201, schema: sh.Indicator },
} as const satisfies Route;
