/** The route entry of `functions/incidents/create-action.ts` (listed in ./index.ts). */
import * as inc from '../../schemas/incidents.js';
import { RESPONDERS, type Route } from '../types.js';

export const route = {
  id: 'createAction',
  method: 'POST',
  path: '/incidents/{incidentId}/actions',
  handler: 'incidents/create-action',
  roles: RESPONDERS,
  table: 'RW',
  uses: ['sns', 'scheduler'],
  summary: 'Add a response action (ACTION-n)',
  tag: 'incidents',
  body: inc.CreateActionBody,
  response: { status: 201, schema: inc.Action },
} as const satisfies Route;
