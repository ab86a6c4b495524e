import { defaultDeps } from '../../shared/deps.js';
import { getTimeline } from '../../shared/domain/incidents/reads.js';
import { httpHandler, ok } from '../../shared/http/handler.js';

export const handler = httpHandler('getIncidentTimeline', async ({ params, query, caller }) =>
  ok(await getTimeline(defaultDeps(), params.incidentId, query, caller)),
);
