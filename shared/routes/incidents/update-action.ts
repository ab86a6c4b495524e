/** The route entry of `functions/incidents/update-action.ts` (listed in ./index.ts). */
import * as inc from '../../schemas/incidents.js';
import { RESPONDERS, type Route } from '../types.js';

export const route = {
  id: 'updateAction',
  method: 'PATCH',
  path: '/incidents/{incidentId}/actions/{actionId}',
  handler: 'incidents/update-action',
  roles: RESPONDERS,
  table: 'RW',
  uses: ['sns', 'scheduler'],
  summary: 'Change a response action’s status',
  tag: 'incidents',
  body: inc.UpdateActionBody,
  response: { status: 200, schema: inc.Action },
} as const satisfies Route;
