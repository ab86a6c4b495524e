import { defaultDeps } from '../../shared/deps.js';
import { listChannels } from '../../shared/domain/coordination/channels.js';
import { httpHandler, ok } from '../../shared/http/handler.js';

export const handler = httpHandler('listChannels', async ({ query }) =>
  ok(await listChannels(defaultDeps(), query)),
);
