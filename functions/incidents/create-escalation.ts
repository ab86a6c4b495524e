import { defaultDeps } from '../../shared/deps.js';
import { createEscalation } from '../../shared/domain/incidents/service.js';
import { created, httpHandler } from '../../shared/http/handler.js';
import { route } from '../../shared/routes/incidents/create-escalation.js';

export const handler = httpHandler(route, async ({ params, body, caller }) =>
  created(await createEscalation(defaultDeps(), caller, params.incidentId, body)),
);
