import { defaultDeps } from '../../shared/deps.js';
import { createCoordinatedAction } from '../../shared/domain/coordination/activations.js';
import { escalationRuntime } from '../../shared/escalation-runtime.js';
import { created, httpHandler } from '../../shared/http/handler.js';
import { route } from '../../shared/routes/coordination/create-coordinated-action.js';

export const handler = httpHandler(route, async ({ params, body, caller }) =>
  created(
    await createCoordinatedAction(defaultDeps(), caller, params.activationId, body, escalationRuntime()),
  ),
);
