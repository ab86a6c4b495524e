/** The route entry of `functions/escalation/list-escalation-triggers.ts` (listed in ./index.ts). */
import * as common from '../../schemas/common.js';
import * as esc from '../../schemas/escalation.js';
import { COORDINATORS, type Route } from '../types.js';

export const route = {
  id: 'listEscalationTriggers',
  method: 'GET',
  path: '/escalation-triggers',
  handler: 'escalation/list-escalation-triggers',
  roles: COORDINATORS,
  table: 'RO',
  summary: 'List escalation triggers (by name, paginated)',
  tag: 'escalation',
  query: esc.ListEscalationTriggersQuery,
  response: { status: 200, schema: common.pageOf(esc.EscalationTrigger) },
} as const satisfies Route;
