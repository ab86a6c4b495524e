import { defaultDeps } from '../../shared/deps.js';
import { updateAction } from '../../shared/domain/incidents/actions.js';
import { escalationRuntime } from '../../shared/escalation-runtime.js';
import { ifMatchOf } from '../../shared/http/conditional.js';
import { httpHandler, ok } from '../../shared/http/handler.js';
import { route } from '../../shared/routes/incidents/update-action.js';

export const handler = httpHandler(route, async ({ params, body, caller, event }) =>
  ok(
    await updateAction(
      defaultDeps(),
      caller,
      params.incidentId,
      params.actionId,
      body,
      escalationRuntime(),
      ifMatchOf(event),
    ),
  ),
);
