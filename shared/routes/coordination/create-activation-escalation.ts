/** The route entry of `functions/coordination/create-activation-escalation.ts` (listed in ./index.ts). */
import * as coord from '../../schemas/coordination.js';
import { COORDINATORS, type Route } from '../types.js';

export const route = {
  id: 'createActivationEscalation',
  method: 'POST',
  path: '/activations/{activationId}/escalations',
  handler: 'coordination/create-activation-escalation',
  roles: COORDINATORS,
  table: 'RW',
  uses: ['sns', 'scheduler'],
  summary: 'Escalate an activation (ESC-n, numbered in the series of its incident’s escalations)',
  tag: 'coordination',
  body: coord.CreateActivationEscalationBody,
  response: { status: 201, schema: coord.ActivationEscalation },
} as const satisfies Route;
