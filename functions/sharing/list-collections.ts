import { defaultDeps } from '../../shared/deps.js';
import { listCollections } from '../../shared/domain/sharing/service.js';
import { httpHandler, ok } from '../../shared/http/handler.js';
import { route } from '../../shared/routes/sharing/list-collections.js';

export const handler = httpHandler(route, async () => ok(await listCollections(defaultDeps())));
