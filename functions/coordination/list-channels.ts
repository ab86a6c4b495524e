import { defaultDeps } from '../../shared/deps.js';
import { listChannels } from '../../shared/domain/coordination/channels.js';
import { httpHandler, ok } from '../../shared/http/handler.js';
import * as routes from '../../shared/routes/coordination.js';

export const handler = httpHandler(routes.listChannels, async ({ query }) =>
  ok(await listChannels(defaultDeps(), query)),
);
