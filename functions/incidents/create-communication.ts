import { defaultDeps, notifyDepsIfConfigured } from '../../shared/deps.js';
import { createCommunication } from '../../shared/domain/incidents/service.js';
import { created, httpHandler } from '../../shared/http/handler.js';
import { route } from '../../shared/routes/incidents/create-communication.js';

export const handler = httpHandler(route, async ({ params, body, caller }) =>
  created(
    await createCommunication(defaultDeps(), caller, params.incidentId, body, notifyDepsIfConfigured()),
  ),
);
