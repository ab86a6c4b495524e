import { defaultDeps } from '../../shared/deps.js';
import { listPlaybooks } from '../../shared/domain/coordination/playbooks.js';
import { httpHandler, ok } from '../../shared/http/handler.js';
import * as routes from '../../shared/routes/coordination.js';

export const handler = httpHandler(routes.listPlaybooks, async ({ query }) =>
  ok(await listPlaybooks(defaultDeps(), query)),
);
