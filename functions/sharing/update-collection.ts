import { defaultDeps } from '../../shared/deps.js';
import { updateCollection } from '../../shared/domain/sharing/service.js';
import { httpHandler, ok } from '../../shared/http/handler.js';
import { route } from '../../shared/routes/sharing/update-collection.js';

export const handler = httpHandler(route, async ({ params, body }) =>
  ok(await updateCollection(defaultDeps(), params.collectionId, body)),
);
