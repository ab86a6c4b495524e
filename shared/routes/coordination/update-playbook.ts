/** The route entry of `functions/coordination/update-playbook.ts` (listed in ./index.ts). */
import * as coord from '../../schemas/coordination.js';
import { COORDINATORS, type Route } from '../types.js';

export const route = {
  id: 'updatePlaybook',
  method: 'PATCH',
  path: '/playbooks/{playbookId}',
  handler: 'coordination/update-playbook',
  roles: COORDINATORS,
  table: 'RW',
  summary: 'Edit a shared playbook: writes a new version',
  tag: 'coordination',
  body: coord.UpdatePlaybookBody,
  response: { status: 200, schema: coord.Playbook },
} as const satisfies Route;
