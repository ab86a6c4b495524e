/** The route entry of `functions/coordination/create-coordinated-action.ts` (listed in ./index.ts). */
import * as coord from '../../schemas/coordination.js';
import { COORDINATORS, type Route } from '../types.js';

export const route = {
  id: 'createCoordinatedAction',
  method: 'POST',
  path: '/activations/{activationId}/actions',
  handler: 'coordination/create-coordinated-action',
  roles: COORDINATORS,
  table: 'RW',
  uses: ['sns', 'scheduler'],
  summary: 'Add a coordinated action (COORD-n) to an activation',
  tag: 'coordination',
  body: coord.CreateCoordinatedActionBody,
  response: { status: 201, schema: coord.CoordinatedAction },
} as const satisfies Route;
