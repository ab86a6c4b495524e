import { defaultDeps } from '../../shared/deps.js';
import { closeIncident } from '../../shared/domain/incidents/lifecycle.js';
import { escalationRuntime } from '../../shared/escalation-runtime.js';
import { ifMatchOf } from '../../shared/http/conditional.js';
import { httpHandler, ok } from '../../shared/http/handler.js';
import { route } from '../../shared/routes/incidents/close-incident.js';

export const handler = httpHandler(route, async ({ params, body, caller, event }) =>
  ok(
    await closeIncident(
      defaultDeps(),
      caller,
      params.incidentId,
      body,
      escalationRuntime(),
      ifMatchOf(event),
    ),
  ),
);
