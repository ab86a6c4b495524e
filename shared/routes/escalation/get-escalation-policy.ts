/** The route entry of `functions/escalation/get-escalation-policy.ts` (listed in ./index.ts). */
import * as esc from '../../schemas/escalation.js';
import { READERS, type Route } from '../types.js';

export const route = {
  id: 'getEscalationPolicy',
  method: 'GET',
  path: '/escalation-policies/{policyId}',
  handler: 'escalation/get-escalation-policy',
  roles: READERS,
  table: 'RO',
  summary: 'Read an escalation policy',
  tag: 'escalation',
  response: { status: 200, schema: esc.EscalationPolicy },
} as const satisfies Route;
