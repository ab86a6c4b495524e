import { defaultDeps } from '../../shared/deps.js';
import { listChildren } from '../../shared/domain/incidents/reads.js';
import { httpHandler, ok } from '../../shared/http/handler.js';

export const handler = httpHandler('listIncidentActions', async ({ params, query }) =>
  ok(await listChildren(defaultDeps(), params.incidentId, 'actions', query)),
);
