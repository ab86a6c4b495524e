/** The route entry of `functions/incidents/assign-role.ts` (listed in ./index.ts). */
import * as cmd from '../../schemas/command.js';
import { RESPONDERS, type Route } from '../types.js';

export const route = {
  id: 'assignIncidentRole',
  method: 'POST',
  path: '/incidents/{incidentId}/roles',
  handler: 'incidents/assign-role',
  // The service decides among these: commander, coordinator, admin (shared/domain/command/rules.ts).
  roles: RESPONDERS,
  table: 'RW',
  uses: ['sns', 'scheduler'],
  summary: 'Assign or hand over an incident command role (changing the commander: commander or admin)',
  tag: 'incidents',
  body: cmd.AssignRoleBody,
  response: { status: 200, schema: cmd.RoleAssignment },
} as const satisfies Route;
