import { defaultDeps } from '../../shared/deps.js';
import { getPlaybook } from '../../shared/domain/coordination/playbooks.js';
import { httpHandler, ok } from '../../shared/http/handler.js';
import { route } from '../../shared/routes/coordination/get-playbook.js';

export const handler = httpHandler(route, async ({ params }) =>
  ok(await getPlaybook(defaultDeps(), params.playbookId)),
);
