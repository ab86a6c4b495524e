import { defaultDeps } from '../../shared/deps.js';
import { getActivationReport } from '../../shared/domain/coordination/activations.js';
import { httpHandler, ok } from '../../shared/http/handler.js';
import * as routes from '../../shared/routes/coordination.js';

export const handler = httpHandler(routes.getActivationReport, async ({ params, caller }) =>
  ok(await getActivationReport(defaultDeps(), params.activationId, caller)),
);
