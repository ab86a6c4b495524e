import { defaultDeps } from '../../shared/deps.js';
import { getTimeline } from '../../shared/domain/incidents/service.js';
import { httpHandler, ok } from '../../shared/http/handler.js';
import * as routes from '../../shared/routes/incidents.js';

export const handler = httpHandler(routes.getIncidentTimeline, async ({ params, query, caller }) =>
  ok(await getTimeline(defaultDeps(), params.incidentId, query, caller)),
);
