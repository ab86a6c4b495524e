import { defaultDeps } from '../../shared/deps.js';
import { reopenIncident } from '../../shared/domain/incidents/service.js';
import { httpHandler, ok } from '../../shared/http/handler.js';
import * as routes from '../../shared/routes/incidents.js';

export const handler = httpHandler(routes.reopenIncident, async ({ params, body, caller }) =>
  ok(await reopenIncident(defaultDeps(), caller, params.incidentId, body)),
);
