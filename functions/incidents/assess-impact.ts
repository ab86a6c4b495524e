import { defaultDeps } from '../../shared/deps.js';
import { assessImpact } from '../../shared/domain/incidents/service.js';
import { httpHandler, ok } from '../../shared/http/handler.js';
import { route } from '../../shared/routes/incidents/assess-impact.js';

export const handler = httpHandler(route, async ({ params, body, caller }) =>
  ok(await assessImpact(defaultDeps(), caller, params.incidentId, body)),
);
