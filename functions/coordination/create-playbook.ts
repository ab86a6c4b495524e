import { defaultDeps } from '../../shared/deps.js';
import { createPlaybook } from '../../shared/domain/coordination/playbooks.js';
import { created, httpHandler } from '../../shared/http/handler.js';
import * as routes from '../../shared/routes/coordination.js';

export const handler = httpHandler(routes.createPlaybook, async ({ body, caller }) =>
  created(await createPlaybook(defaultDeps(), caller, body)),
);
