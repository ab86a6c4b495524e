/** The route entry of `functions/sharing/create-indicator.ts` (listed in ../index.ts). */
import * as sh from '../../schemas/sharing.js';
import { RESPONDERS, type Route } from '../types.js';

export const route = {
  id: 'createIndicator',
  method: 'POST',
  path: '/incidents/{incidentId}/indicators',
  handler: 'sharing/create-indicator',
  roles: RESPONDERS,
  table: 'RW',
  summary: 'Record an indicator / observable (IP, domain, URL, file hash, e-mail) on an incident',
  tag: 'sharing',
  body: sh.CreateIndicatorBody,
  response: { status: 201, schema: sh.Indicator },
} as const satisfies Route;
