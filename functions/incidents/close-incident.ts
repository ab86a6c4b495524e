import { defaultDeps } from '../../shared/deps.js';
import { closeIncident } from '../../shared/domain/incidents/service.js';
import { httpHandler, ok } from '../../shared/http/handler.js';
import { route } from '../../shared/routes/incidents/close-incident.js';

export const handler = httpHandler(route, async ({ params, body, caller }) =>
  ok(await closeIncident(defaultDeps(), caller, params.incidentId, body)),
);
