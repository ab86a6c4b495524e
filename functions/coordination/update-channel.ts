import { defaultDeps } from '../../shared/deps.js';
import { updateChannel } from '../../shared/domain/coordination/channels.js';
import { httpHandler, ok } from '../../shared/http/handler.js';

export const handler = httpHandler('updateChannel', async ({ params, body, caller }) =>
  ok(await updateChannel(defaultDeps(), caller, params.channelId, body)),
);
