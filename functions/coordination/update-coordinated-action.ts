import { defaultDeps } from '../../shared/deps.js';
import { updateCoordinatedAction } from '../../shared/domain/coordination/activations.js';
import { escalationRuntime } from '../../shared/escalation-runtime.js';
import { httpHandler, ok } from '../../shared/http/handler.js';
import { route } from '../../shared/routes/coordination/update-coordinated-action.js';

export const handler = httpHandler(route, async ({ params, body, caller }) =>
  ok(
    await updateCoordinatedAction(
      defaultDeps(),
      caller,
      params.activationId,
      params.actionId,
      body,
      escalationRuntime(),
    ),
  ),
);
