import { defaultDeps } from '../../shared/deps.js';
import { listChannels } from '../../shared/domain/coordination/channels.js';
import { httpHandler, ok } from '../../shared/http/handler.js';
import { route } from '../../shared/routes/coordination/list-channels.js';

export const handler = httpHandler(route, async ({ query }) => ok(await listChannels(defaultDeps(), query)));
