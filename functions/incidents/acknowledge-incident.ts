import { defaultDeps } from '../../shared/deps.js';
import { acknowledgeIncident } from '../../shared/domain/escalation/chains.js';
import { escalationRuntime } from '../../shared/escalation-runtime.js';
import { httpHandler, ok } from '../../shared/http/handler.js';

export const handler = httpHandler('acknowledgeIncident', async ({ params, body, caller }) =>
  ok(await acknowledgeIncident(defaultDeps(), escalationRuntime(), caller, params.incidentId, body)),
);
