/** The route entry of `functions/escalation/list-escalation-policies.ts` (listed in ./index.ts). */
import * as common from '../../schemas/common.js';
import * as esc from '../../schemas/escalation.js';
import { READERS, type Route } from '../types.js';

export const route = {
  id: 'listEscalationPolicies',
  method: 'GET',
  path: '/escalation-policies',
  handler: 'escalation/list-escalation-policies',
  roles: READERS,
  table: 'RO',
  summary: 'List escalation policies (by name, paginated)',
  tag: 'escalation',
  query: esc.ListEscalationPoliciesQuery,
  response: { status: 200, schema: common.pageOf(esc.EscalationPolicy) },
} as const satisfies Route;
