import { defaultDeps } from '../../shared/deps.js';
import { createIncident } from '../../shared/domain/incidents/lifecycle.js';
import { escalationRuntime } from '../../shared/escalation-runtime.js';
import { created, httpHandler } from '../../shared/http/handler.js';

export const handler = httpHandler('createIncident', async ({ body, caller }) =>
  created(await createIncident(defaultDeps(), caller, body, escalationRuntime())),
);
