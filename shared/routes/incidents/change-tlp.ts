/** The route entry of `functions/incidents/change-tlp.ts` (listed in ./index.ts). */
import * as cmd from '../../schemas/command.js';
import * as inc from '../../schemas/incidents.js';
import { RESPONDERS, type Route } from '../types.js';

export const route = {
  id: 'changeIncidentTlp',
  method: 'PUT',
  path: '/incidents/{incidentId}/tlp',
  handler: 'incidents/change-tlp',
  // The service decides among these: commander, coordinator, admin (shared/domain/command/rules.ts).
  roles: RESPONDERS,
  table: 'RW',
  uses: ['sns', 'scheduler'],
  summary: 'Change the incident’s TLP (raise: coordinators; lower: the incident commander or an admin)',
  tag: 'incidents',
  body: cmd.ChangeTlpBody,
  response: { status: 200, schema: inc.Incident },
} as const satisfies Route;
