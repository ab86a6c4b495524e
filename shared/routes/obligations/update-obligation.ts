/** The route entry of `functions/obligations/update-obligation.ts` (listed in ./index.ts). */
import * as obl from '../../schemas/obligations.js';
import { COORDINATORS, type Route } from '../types.js';

export const route = {
  id: 'updateObligation',
  method: 'PATCH',
  path: '/incidents/{incidentId}/obligations/{obligationId}',
  handler: 'obligations/update-obligation',
  roles: COORDINATORS,
  table: 'RW',
  uses: ['sns', 'scheduler'],
  summary: 'Set trigger times (e.g. a later determination) or facts; the clocks are re-computed',
  tag: 'obligations',
  body: obl.UpdateObligationBody,
  response: { status: 200, schema: obl.Obligation },
} as const satisfies Route;
