import { defaultDeps } from '../../shared/deps.js';
import { getChannel } from '../../shared/domain/coordination/channels.js';
import { httpHandler, ok } from '../../shared/http/handler.js';

export const handler = httpHandler('getChannel', async ({ params }) =>
  ok(await getChannel(defaultDeps(), params.channelId)),
);
