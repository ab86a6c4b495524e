/** The route entry of `functions/obligations/attach-obligation.ts` (listed in ./index.ts). */
import * as obl from '../../schemas/obligations.js';
import { COORDINATORS, type Route } from '../types.js';

export const route = {
  id: 'attachObligation',
  method: 'POST',
  path: '/incidents/{incidentId}/obligations',
  handler: 'obligations/attach-obligation',
  roles: COORDINATORS,
  table: 'RW',
  uses: ['sns', 'scheduler'],
  summary: 'Attach a regulatory regime to an incident; its deadline clocks start from the trigger times',
  tag: 'obligations',
  body: obl.AttachObligationBody,
  response: { status: 201, schema: obl.Obligation },
} as const satisfies Route;
