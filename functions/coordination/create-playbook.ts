import { defaultDeps } from '../../shared/deps.js';
import { createPlaybook } from '../../shared/domain/coordination/playbooks.js';
import { created, httpHandler } from '../../shared/http/handler.js';
import { route } from '../../shared/routes/coordination/create-playbook.js';

export const handler = httpHandler(route, async ({ body, caller }) =>
  created(await createPlaybook(defaultDeps(), caller, body)),
);
