/** The route entry of `functions/incidents/start-escalation-chain.ts` (listed in ./index.ts). */
import * as esc from '../../schemas/escalation.js';
import { COORDINATORS, type Route } from '../types.js';

export const route = {
  id: 'startEscalationChain',
  method: 'POST',
  path: '/incidents/{incidentId}/escalation-chain',
  handler: 'incidents/start-escalation-chain',
  roles: COORDINATORS,
  table: 'RW',
  uses: ['sns', 'scheduler'],
  summary: "Start an escalation chain on a policy or a channel's rules: level 1 now, the next on schedule",
  tag: 'escalation',
  body: esc.StartEscalationChainBody,
  response: { status: 201, schema: esc.EscalationChain },
} as const satisfies Route;
