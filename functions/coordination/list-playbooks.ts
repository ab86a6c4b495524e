import { defaultDeps } from '../../shared/deps.js';
import { listPlaybooks } from '../../shared/domain/coordination/playbooks.js';
import { httpHandler, ok } from '../../shared/http/handler.js';

export const handler = httpHandler('listPlaybooks', async ({ query }) =>
  ok(await listPlaybooks(defaultDeps(), query)),
);
