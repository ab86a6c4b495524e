import { defaultDeps } from '../../shared/deps.js';
import { createChannel } from '../../shared/domain/coordination/channels.js';
import { created, httpHandler } from '../../shared/http/handler.js';

export const handler = httpHandler('createChannel', async ({ body, caller }) =>
  created(await createChannel(defaultDeps(), caller, body)),
);
