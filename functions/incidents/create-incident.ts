import { defaultDeps } from '../../shared/deps.js';
import { createIncident } from '../../shared/domain/incidents/lifecycle.js';
import { escalationRuntime } from '../../shared/escalation-runtime.js';
import { created, httpHandler } from '../../shared/http/handler.js';
import { route } from '../../shared/routes/incidents/create-incident.js';

export const handler = httpHandler(route, async ({ body, caller }) =>
  created(await createIncident(defaultDeps(), caller, body, escalationRuntime())),
);
