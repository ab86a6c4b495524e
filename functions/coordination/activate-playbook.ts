import { defaultDeps } from '../../shared/deps.js';
import { activatePlaybook } from '../../shared/domain/coordination/activations.js';
import { escalationRuntime } from '../../shared/escalation-runtime.js';
import { created, httpHandler } from '../../shared/http/handler.js';
import { route } from '../../shared/routes/coordination/activate-playbook.js';

export const handler = httpHandler(route, async ({ params, body, caller }) =>
  created(await activatePlaybook(defaultDeps(), caller, params.playbookId, body, escalationRuntime())),
);
