import { defaultDeps } from '../../shared/deps.js';
import { updateChannel } from '../../shared/domain/coordination/channels.js';
import { httpHandler, ok } from '../../shared/http/handler.js';
import { route } from '../../shared/routes/coordination/update-channel.js';

export const handler = httpHandler(route, async ({ params, body, caller }) =>
  ok(await updateChannel(defaultDeps(), caller, params.channelId, body)),
);
