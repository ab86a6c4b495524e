import { defaultDeps } from '../../shared/deps.js';
import { getPlaybook } from '../../shared/domain/coordination/playbooks.js';
import { httpHandler, ok } from '../../shared/http/handler.js';

export const handler = httpHandler('getPlaybook', async ({ params }) =>
  ok(await getPlaybook(defaultDeps(), params.playbookId)),
);
