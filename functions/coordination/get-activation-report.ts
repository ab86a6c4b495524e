import { defaultDeps } from '../../shared/deps.js';
import { getActivationReport } from '../../shared/domain/coordination/activations.js';
import { httpHandler, ok } from '../../shared/http/handler.js';

export const handler = httpHandler('getActivationReport', async ({ params, caller }) =>
  ok(await getActivationReport(defaultDeps(), params.activationId, caller)),
);
