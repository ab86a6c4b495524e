import { defaultDeps } from '../../shared/deps.js';
import { createCollection } from '../../shared/domain/sharing/service.js';
import { created, httpHandler } from '../../shared/http/handler.js';
import { route } from '../../shared/routes/sharing/create-collection.js';

export const handler = httpHandler(route, async ({ body, caller }) =>
  created(await createCollection(defaultDeps(), caller, body)),
);
