import { defaultDeps } from '../../shared/deps.js';
import { updateIncident } from '../../shared/domain/incidents/edit.js';
import { escalationRuntime } from '../../shared/escalation-runtime.js';
import { httpHandler, ok } from '../../shared/http/handler.js';
import { route } from '../../shared/routes/incidents/update-incident.js';

export const handler = httpHandler(route, async ({ params, body, caller }) =>
  ok(await updateIncident(defaultDeps(), caller, params.incidentId, body, escalationRuntime())),
);
