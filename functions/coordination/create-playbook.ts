import { defaultDeps } from '../../shared/deps.js';
import { createPlaybook } from '../../shared/domain/coordination/playbooks.js';
import { created, httpHandler } from '../../shared/http/handler.js';

export const handler = httpHandler('createPlaybook', async ({ body, caller }) =>
  created(await createPlaybook(defaultDeps(), caller, body)),
);
