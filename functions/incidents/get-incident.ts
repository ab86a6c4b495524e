import { defaultDeps } from '../../shared/deps.js';
import { getIncident } from '../../shared/domain/incidents/reads.js';
import { httpHandler, ok } from '../../shared/http/handler.js';

export const handler = httpHandler('getIncident', async ({ params, caller }) =>
  ok(await getIncident(defaultDeps(), params.incidentId, caller)),
);
