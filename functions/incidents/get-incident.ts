import { defaultDeps } from '../../shared/deps.js';
import { getIncident } from '../../shared/domain/incidents/service.js';
import { httpHandler, ok } from '../../shared/http/handler.js';
import * as routes from '../../shared/routes/incidents.js';

export const handler = httpHandler(routes.getIncident, async ({ params, caller }) =>
  ok(await getIncident(defaultDeps(), params.incidentId, caller)),
);
