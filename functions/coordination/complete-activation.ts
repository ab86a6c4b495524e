import { defaultDeps } from '../../shared/deps.js';
import { completeActivation } from '../../shared/domain/coordination/activations.js';
import { httpHandler, ok } from '../../shared/http/handler.js';
import * as routes from '../../shared/routes/coordination.js';

export const handler = httpHandler(routes.completeActivation, async ({ params, body, caller }) =>
  ok(await completeActivation(defaultDeps(), caller, params.activationId, body)),
);
