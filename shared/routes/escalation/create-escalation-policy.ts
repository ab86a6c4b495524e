/** The route entry of `functions/escalation/create-escalation-policy.ts` (listed in ./index.ts). */
import * as esc from '../../schemas/escalation.js';
import { COORDINATORS, type Route } from '../types.js';

export const route = {
  id: 'createEscalationPolicy',
  method: 'POST',
  path: '/escalation-policies',
  handler: 'escalation/create-escalation-policy',
  roles: COORDINATORS,
  table: 'RW',
  summary: 'Create an escalation policy (levels of recipients, a timeframe each; optional auto-start)',
  tag: 'escalation',
  body: esc.CreateEscalationPolicyBody,
  response: { status: 201, schema: esc.EscalationPolicy },
} as const satisfies Route;
