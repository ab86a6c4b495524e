import { defaultDeps } from '../../shared/deps.js';
import { attachObligation } from '../../shared/domain/obligations/service.js';
import { escalationRuntime } from '../../shared/escalation-runtime.js';
import { created, httpHandler } from '../../shared/http/handler.js';
import { route } from '../../shared/routes/obligations/attach-obligation.js';

export const handler = httpHandler(route, async ({ params, body, caller }) =>
  created(await attachObligation(defaultDeps(), caller, params.incidentId, body, escalationRuntime())),
);
