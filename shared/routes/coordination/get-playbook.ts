/** The route entry of `functions/coordination/get-playbook.ts` (listed in ./index.ts). */
import * as coord from '../../schemas/coordination.js';
import { READERS, type Route } from '../types.js';

export const route = {
  id: 'getPlaybook',
  method: 'GET',
  path: '/playbooks/{playbookId}',
  handler: 'coordination/get-playbook',
  roles: READERS,
  table: 'RO',
  summary: 'Read a shared playbook’s latest version',
  tag: 'coordination',
  response: { status: 200, schema: coord.Playbook },
} as const satisfies Route;
