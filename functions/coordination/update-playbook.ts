import { defaultDeps } from '../../shared/deps.js';
import { updatePlaybook } from '../../shared/domain/coordination/playbooks.js';
import { httpHandler, ok } from '../../shared/http/handler.js';
import { route } from '../../shared/routes/coordination/update-playbook.js';

export const handler = httpHandler(route, async ({ params, body, caller }) =>
  ok(await updatePlaybook(defaultDeps(), caller, params.playbookId, body)),
);
