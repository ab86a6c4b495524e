import { defaultDeps } from '../../shared/deps.js';
import { getChannel } from '../../shared/domain/coordination/channels.js';
import { httpHandler, ok } from '../../shared/http/handler.js';
import { route } from '../../shared/routes/coordination/get-channel.js';

export const handler = httpHandler(route, async ({ params }) =>
  ok(await getChannel(defaultDeps(), params.channelId)),
);
