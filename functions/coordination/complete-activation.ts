import { defaultDeps } from '../../shared/deps.js';
import { completeActivation } from '../../shared/domain/coordination/activations.js';
import { escalationRuntime } from '../../shared/escalation-runtime.js';
import { httpHandler, ok } from '../../shared/http/handler.js';
import { route } from '../../shared/routes/coordination/complete-activation.js';

export const handler = httpHandler(route, async ({ params, body, caller }) =>
  ok(await completeActivation(defaultDeps(), caller, params.activationId, body, escalationRuntime())),
);
