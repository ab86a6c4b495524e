import { defaultDeps } from '../../shared/deps.js';
import { assignRole } from '../../shared/domain/command/service.js';
import { httpHandler, ok } from '../../shared/http/handler.js';
import * as routes from '../../shared/routes/incidents.js';

export const handler = httpHandler(routes.assignIncidentRole, async ({ params, body, caller }) =>
  ok(await assignRole(defaultDeps(), caller, params.incidentId, body)),
);
