/** The route entry of `functions/coordination/get-activation-report.ts` (listed in ./index.ts). */
import * as coord from '../../schemas/coordination.js';
import { READERS_AND_PARTNERS, type Route } from '../types.js';

export const route = {
  id: 'getActivationReport',
  method: 'GET',
  path: '/activations/{activationId}/report',
  handler: 'coordination/get-activation-report',
  roles: READERS_AND_PARTNERS,
  table: 'RO',
  summary: 'Coordination metrics, escalations, actions and recommendations of an activation',
  tag: 'coordination',
  response: { status: 200, schema: coord.ActivationReport },
} as const satisfies Route;
