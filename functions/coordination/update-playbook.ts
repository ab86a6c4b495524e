import { defaultDeps } from '../../shared/deps.js';
import { updatePlaybook } from '../../shared/domain/coordination/playbooks.js';
import { httpHandler, ok } from '../../shared/http/handler.js';

export const handler = httpHandler('updatePlaybook', async ({ params, body, caller }) =>
  ok(await updatePlaybook(defaultDeps(), caller, params.playbookId, body)),
);
