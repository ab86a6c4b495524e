/** The route entry of `functions/coordination/complete-activation.ts` (listed in ./index.ts). */
import * as coord from '../../schemas/coordination.js';
import { COORDINATORS, type Route } from '../types.js';

export const route = {
  id: 'completeActivation',
  method: 'POST',
  path: '/activations/{activationId}/complete',
  handler: 'coordination/complete-activation',
  roles: COORDINATORS,
  table: 'RW',
  uses: ['sns', 'scheduler'],
  summary: 'Complete an activation (409 while coordinated actions are open)',
  tag: 'coordination',
  body: coord.CompleteActivationBody,
  response: { status: 200, schema: coord.Activation },
} as const satisfies Route;
