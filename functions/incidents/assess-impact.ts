import { defaultDeps } from '../../shared/deps.js';
import { assessImpact } from '../../shared/domain/incidents/service.js';
import { httpHandler, ok } from '../../shared/http/handler.js';
import * as routes from '../../shared/routes/incidents.js';

export const handler = httpHandler(routes.assessImpact, async ({ params, body, caller }) =>
  ok(await assessImpact(defaultDeps(), caller, params.incidentId, body)),
);
