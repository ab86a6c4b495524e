import { defaultDeps } from '../../shared/deps.js';
import { getIncidentSla } from '../../shared/domain/agreements/service.js';
import { httpHandler, ok } from '../../shared/http/handler.js';
import { route } from '../../shared/routes/agreements/get-incident-sla.js';

export const handler = httpHandler(route, async ({ params }) =>
  ok(await getIncidentSla(defaultDeps(), params.incidentId)),
);
