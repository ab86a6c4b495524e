import { defaultDeps } from '../../shared/deps.js';
import { createCommunication } from '../../shared/domain/incidents/communications.js';
import { escalationRuntime } from '../../shared/escalation-runtime.js';
import { ifMatchOf } from '../../shared/http/conditional.js';
import { created, httpHandler } from '../../shared/http/handler.js';
import { route } from '../../shared/routes/incidents/create-communication.js';

export const handler = httpHandler(route, async ({ params, body, caller, event }) =>
  created(
    await createCommunication(
      defaultDeps(),
      caller,
      params.incidentId,
      body,
      escalationRuntime(),
      ifMatchOf(event),
    ),
  ),
);
