import { defaultDeps } from '../../shared/deps.js';
import { createActivationEscalation } from '../../shared/domain/coordination/activations.js';
import { created, httpHandler } from '../../shared/http/handler.js';
import * as routes from '../../shared/routes/coordination.js';

export const handler = httpHandler(routes.createActivationEscalation, async ({ params, body, caller }) =>
  created(await createActivationEscalation(defaultDeps(), caller, params.activationId, body)),
);
