import { defaultDeps } from '../../shared/deps.js';
import { updatePlaybook } from '../../shared/domain/coordination/playbooks.js';
import { httpHandler, ok } from '../../shared/http/handler.js';
import * as routes from '../../shared/routes/coordination.js';

export const handler = httpHandler(routes.updatePlaybook, async ({ params, body, caller }) =>
  ok(await updatePlaybook(defaultDeps(), caller, params.playbookId, body)),
);
