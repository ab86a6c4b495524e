import { defaultDeps } from '../../shared/deps.js';
import { recordSubmission } from '../../shared/domain/obligations/service.js';
import { escalationRuntime } from '../../shared/escalation-runtime.js';
import { created, httpHandler } from '../../shared/http/handler.js';
import { route } from '../../shared/routes/obligations/create-submission.js';

export const handler = httpHandler(route, async ({ params, body, caller }) =>
  created(
    await recordSubmission(
      defaultDeps(),
      caller,
      params.incidentId,
      params.obligationId,
      body,
      escalationRuntime(),
    ),
  ),
);
