/** The route entry of `functions/coordination/update-coordinated-action.ts` (listed in ./index.ts). */
import * as coord from '../../schemas/coordination.js';
import { RESPONDERS_AND_PARTNERS, type Route } from '../types.js';

export const route = {
  id: 'updateCoordinatedAction',
  method: 'PATCH',
  path: '/activations/{activationId}/actions/{actionId}',
  handler: 'coordination/update-coordinated-action',
  roles: RESPONDERS_AND_PARTNERS,
  table: 'RW',
  uses: ['sns', 'scheduler'],
  summary: 'Change a coordinated action’s status (declined needs a reason)',
  tag: 'coordination',
  body: coord.UpdateCoordinatedActionBody,
  response: { status: 200, schema: coord.CoordinatedAction },
} as const satisfies Route;
