/** The route entry of `functions/escalation/update-escalation-policy.ts` (listed in ./index.ts). */
import * as esc from '../../schemas/escalation.js';
import { COORDINATORS, type Route } from '../types.js';

export const route = {
  id: 'updateEscalationPolicy',
  method: 'PATCH',
  path: '/escalation-policies/{policyId}',
  handler: 'escalation/update-escalation-policy',
  roles: COORDINATORS,
  table: 'RW',
  summary: 'Change an escalation policy (running chains keep the levels they started with)',
  tag: 'escalation',
  body: esc.UpdateEscalationPolicyBody,
  response: { status: 200, schema: esc.EscalationPolicy },
} as const satisfies Route;
