import { defaultDeps } from '../../shared/deps.js';
import { createEscalation } from '../../shared/domain/incidents/service.js';
import { created, httpHandler } from '../../shared/http/handler.js';
import * as routes from '../../shared/routes/incidents.js';

export const handler = httpHandler(routes.createEscalation, async ({ params, body, caller }) =>
  created(await createEscalation(defaultDeps(), caller, params.incidentId, body)),
);
