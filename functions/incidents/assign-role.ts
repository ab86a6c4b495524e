import { defaultDeps } from '../../shared/deps.js';
import { assignRole } from '../../shared/domain/command/service.js';
import { escalationRuntime } from '../../shared/escalation-runtime.js';
import { httpHandler, ok } from '../../shared/http/handler.js';
import { route } from '../../shared/routes/incidents/assign-role.js';

export const handler = httpHandler(route, async ({ params, body, caller }) =>
  ok(await assignRole(defaultDeps(), caller, params.incidentId, body, escalationRuntime())),
);
