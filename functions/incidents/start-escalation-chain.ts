import { defaultDeps } from '../../shared/deps.js';
import { escalationRuntime, startChainByRequest } from '../../shared/domain/escalation/chains.js';
import { created, httpHandler } from '../../shared/http/handler.js';
import * as routes from '../../shared/routes/incidents.js';

export const handler = httpHandler(routes.startEscalationChain, async ({ params, body, caller }) =>
  created(await startChainByRequest(defaultDeps(), escalationRuntime(), caller, params.incidentId, body)),
);
