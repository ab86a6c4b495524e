import { defaultDeps } from '../../shared/deps.js';
import { acknowledgeIncident, escalationRuntime } from '../../shared/domain/escalation/chains.js';
import { httpHandler, ok } from '../../shared/http/handler.js';
import * as routes from '../../shared/routes/incidents.js';

export const handler = httpHandler(routes.acknowledgeIncident, async ({ params, body, caller }) =>
  ok(await acknowledgeIncident(defaultDeps(), escalationRuntime(), caller, params.incidentId, body)),
);
