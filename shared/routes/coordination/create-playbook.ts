/** The route entry of `functions/coordination/create-playbook.ts` (listed in ./index.ts). */
import * as coord from '../../schemas/coordination.js';
import { COORDINATORS, type Route } from '../types.js';

export const route = {
  id: 'createPlaybook',
  method: 'POST',
  path: '/playbooks',
  handler: 'coordination/create-playbook',
  roles: COORDINATORS,
  table: 'RW',
  summary: 'Create a shared playbook (version 1): participants, roles, response actions with timeframes',
  tag: 'coordination',
  body: coord.CreatePlaybookBody,
  response: { status: 201, schema: coord.Playbook },
} as const satisfies Route;
