import { defaultDeps } from '../../shared/deps.js';
import { changeIncidentTlp } from '../../shared/domain/command/service.js';
import { escalationRuntime } from '../../shared/escalation-runtime.js';
import { httpHandler, ok } from '../../shared/http/handler.js';

export const handler = httpHandler('changeIncidentTlp', async ({ params, body, caller }) =>
  ok(await changeIncidentTlp(defaultDeps(), caller, params.incidentId, body, escalationRuntime())),
);
