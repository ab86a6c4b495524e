import { defaultDeps } from '../../shared/deps.js';
import { getActivationReport } from '../../shared/domain/coordination/activations.js';
import { httpHandler, ok } from '../../shared/http/handler.js';
import { route } from '../../shared/routes/coordination/get-activation-report.js';

export const handler = httpHandler(route, async ({ params, caller }) =>
  ok(await getActivationReport(defaultDeps(), params.activationId, caller)),
);
