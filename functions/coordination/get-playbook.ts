import { defaultDeps } from '../../shared/deps.js';
import { getPlaybook } from '../../shared/domain/coordination/playbooks.js';
import { httpHandler, ok } from '../../shared/http/handler.js';
import * as routes from '../../shared/routes/coordination.js';

export const handler = httpHandler(routes.getPlaybook, async ({ params }) =>
  ok(await getPlaybook(defaultDeps(), params.playbookId)),
);
