import { defaultDeps } from '../../shared/deps.js';
import { createChannel } from '../../shared/domain/coordination/channels.js';
import { created, httpHandler } from '../../shared/http/handler.js';
import { route } from '../../shared/routes/coordination/create-channel.js';

export const handler = httpHandler(route, async ({ body, caller }) =>
  created(await createChannel(defaultDeps(), caller, body)),
);
