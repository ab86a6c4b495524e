import { defaultDeps } from '../../shared/deps.js';
import { createCommunication } from '../../shared/domain/incidents/communications.js';
import { escalationRuntime } from '../../shared/escalation-runtime.js';
import { created, httpHandler } from '../../shared/http/handler.js';

export const handler = httpHandler('createCommunication', async ({ params, body, caller }) =>
  created(await createCommunication(defaultDeps(), caller, params.incidentId, body, escalationRuntime())),
);
