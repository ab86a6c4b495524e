import { defaultDeps } from '../../shared/deps.js';
import { startChainByRequest } from '../../shared/domain/escalation/chains.js';
import { escalationRuntime } from '../../shared/escalation-runtime.js';
import { created, httpHandler } from '../../shared/http/handler.js';
import { route } from '../../shared/routes/incidents/start-escalation-chain.js';

export const handler = httpHandler(route, async ({ params, body, caller }) =>
  created(await startChainByRequest(defaultDeps(), escalationRuntime(), caller, params.incidentId, body)),
);
