import { defaultDeps } from '../../shared/deps.js';
import { getTimeline } from '../../shared/domain/incidents/reads.js';
import { httpHandler, ok } from '../../shared/http/handler.js';
import { route } from '../../shared/routes/incidents/get-incident-timeline.js';

export const handler = httpHandler(route, async ({ params, query, caller }) =>
  ok(await getTimeline(defaultDeps(), params.incidentId, query, caller)),
);
