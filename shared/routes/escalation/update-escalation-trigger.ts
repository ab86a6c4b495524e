/** The route entry of `functions/escalation/update-escalation-trigger.ts` (listed in ./index.ts). */
import * as esc from '../../schemas/escalation.js';
import { COORDINATORS, type Route } from '../types.js';

export const route = {
  id: 'updateEscalationTrigger',
  method: 'PATCH',
  path: '/escalation-triggers/{triggerId}',
  handler: 'escalation/update-escalation-trigger',
  roles: COORDINATORS,
  table: 'RW',
  summary: 'Change, enable or disable an escalation trigger',
  tag: 'escalation',
  body: esc.UpdateEscalationTriggerBody,
  response: { status: 200, schema: esc.EscalationTrigger },
} as const satisfies Route;
