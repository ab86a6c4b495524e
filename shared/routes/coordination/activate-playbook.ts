/** The route entry of `functions/coordination/activate-playbook.ts` (listed in ./index.ts). */
import * as coord from '../../schemas/coordination.js';
import { COORDINATORS, type Route } from '../types.js';

export const route = {
  id: 'activatePlaybook',
  method: 'POST',
  path: '/playbooks/{playbookId}/activations',
  handler: 'coordination/activate-playbook',
  roles: COORDINATORS,
  table: 'RW',
  uses: ['sns', 'scheduler'],
  summary: 'Activate a playbook for an incident: its response actions become coordinated actions',
  tag: 'coordination',
  body: coord.CreateActivationBody,
  response: { status: 201, schema: coord.Activation },
} as const satisfies Route;
