import { defaultDeps } from '../../shared/deps.js';
import { getIncident } from '../../shared/domain/incidents/service.js';
import { httpHandler, ok } from '../../shared/http/handler.js';
import { route } from '../../shared/routes/incidents/get-incident.js';

export const handler = httpHandler(route, async ({ params, caller }) =>
  ok(await getIncident(defaultDeps(), params.incidentId, caller)),
);
