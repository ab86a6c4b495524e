import { defaultDeps } from '../../shared/deps.js';
import { assignRole } from '../../shared/domain/command/service.js';
import { escalationRuntime } from '../../shared/escalation-runtime.js';
import { httpHandler, ok } from '../../shared/http/handler.js';

export const handler = httpHandler('assignIncidentRole', async ({ params, body, caller }) =>
  ok(await assignRole(defaultDeps(), caller, params.incidentId, body, escalationRuntime())),
);
