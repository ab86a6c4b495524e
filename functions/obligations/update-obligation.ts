import { defaultDeps } from '../../shared/deps.js';
import { updateObligation } from '../../shared/domain/obligations/service.js';
import { escalationRuntime } from '../../shared/escalation-runtime.js';
import { httpHandler, ok } from '../../shared/http/handler.js';
import { route } from '../../shared/routes/obligations/update-obligation.js';

export const handler = httpHandler(route, async ({ params, body, caller }) =>
  ok(
    await updateObligation(
      defaultDeps(),
      caller,
      params.incidentId,
      params.obligationId,
      body,
      escalationRuntime(),
    ),
  ),
);
