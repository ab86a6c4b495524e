/** The route entry of `functions/escalation/create-escalation-trigger.ts` (listed in ./index.ts). */
import * as esc from '../../schemas/escalation.js';
import { COORDINATORS, type Route } from '../types.js';

export const route = {
  id: 'createEscalationTrigger',
  method: 'POST',
  path: '/escalation-triggers',
  handler: 'escalation/create-escalation-trigger',
  roles: COORDINATORS,
  table: 'RW',
  summary: 'Create an escalation trigger (when → notify, optional template and chain)',
  tag: 'escalation',
  body: esc.CreateEscalationTriggerBody,
  response: { status: 201, schema: esc.EscalationTrigger },
} as const satisfies Route;
