import { defaultDeps } from '../../shared/deps.js';
import { reopenIncident } from '../../shared/domain/incidents/lifecycle.js';
import { escalationRuntime } from '../../shared/escalation-runtime.js';
import { ifMatchOf } from '../../shared/http/conditional.js';
import { httpHandler, ok } from '../../shared/http/handler.js';
import { route } from '../../shared/routes/incidents/reopen-incident.js';

export const handler = httpHandler(route, async ({ params, body, caller, event }) =>
  ok(
    await reopenIncident(
      defaultDeps(),
      caller,
      params.incidentId,
      body,
      escalationRuntime(),
      ifMatchOf(event),
    ),
  ),
);
