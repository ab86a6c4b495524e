import { defaultDeps } from '../../shared/deps.js';
import { getChannel } from '../../shared/domain/coordination/channels.js';
import { httpHandler, ok } from '../../shared/http/handler.js';
import * as routes from '../../shared/routes/coordination.js';

export const handler = httpHandler(routes.getChannel, async ({ params }) =>
  ok(await getChannel(defaultDeps(), params.channelId)),
);
