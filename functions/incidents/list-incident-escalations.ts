import { defaultDeps } from '../../shared/deps.js';
import { listChildren } from '../../shared/domain/incidents/reads.js';
import { httpHandler, ok } from '../../shared/http/handler.js';
import { route } from '../../shared/routes/incidents/list-incident-escalations.js';

export const handler = httpHandler(route, async ({ params, query }) =>
  ok(await listChildren(defaultDeps(), params.incidentId, 'escalations', query)),
);
