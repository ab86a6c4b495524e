/** The route entry of `functions/escalation/get-escalation-trigger.ts` (listed in ./index.ts). */
import * as esc from '../../schemas/escalation.js';
import { COORDINATORS, type Route } from '../types.js';

export const route = {
  id: 'getEscalationTrigger',
  method: 'GET',
  path: '/escalation-triggers/{triggerId}',
  handler: 'escalation/get-escalation-trigger',
  roles: COORDINATORS,
  table: 'RO',
  summary: 'Read an escalation trigger',
  tag: 'escalation',
  response: { status: 200, schema: esc.EscalationTrigger },
} as const satisfies Route;
