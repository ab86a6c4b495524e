import { defaultDeps } from '../../shared/deps.js';
import { createChannel } from '../../shared/domain/coordination/channels.js';
import { created, httpHandler } from '../../shared/http/handler.js';
import * as routes from '../../shared/routes/coordination.js';

export const handler = httpHandler(routes.createChannel, async ({ body, caller }) =>
  created(await createChannel(defaultDeps(), caller, body)),
);
