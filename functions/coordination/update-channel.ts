import { defaultDeps } from '../../shared/deps.js';
import { updateChannel } from '../../shared/domain/coordination/channels.js';
import { httpHandler, ok } from '../../shared/http/handler.js';
import * as routes from '../../shared/routes/coordination.js';

export const handler = httpHandler(routes.updateChannel, async ({ params, body, caller }) =>
  ok(await updateChannel(defaultDeps(), caller, params.channelId, body)),
);
