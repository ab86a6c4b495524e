import { defaultDeps } from '../../shared/deps.js';
import { closeIncident } from '../../shared/domain/incidents/service.js';
import { httpHandler, ok } from '../../shared/http/handler.js';
import * as routes from '../../shared/routes/incidents.js';

export const handler = httpHandler(routes.closeIncident, async ({ params, body, caller }) =>
  ok(await closeIncident(defaultDeps(), caller, params.incidentId, body)),
);
