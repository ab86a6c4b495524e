import { defaultDeps } from '../../shared/deps.js';
import { reopenIncident } from '../../shared/domain/incidents/service.js';
import { httpHandler, ok } from '../../shared/http/handler.js';
import { route } from '../../shared/routes/incidents/reopen-incident.js';

export const handler = httpHandler(route, async ({ params, body, caller }) =>
  ok(await reopenIncident(defaultDeps(), caller, params.incidentId, body)),
);
