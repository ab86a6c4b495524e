import { defaultDeps } from '../../shared/deps.js';
import { deleteCollection } from '../../shared/domain/sharing/service.js';
import { httpHandler, ok } from '../../shared/http/handler.js';
import { route } from '../../shared/routes/sharing/delete-collection.js';

export const handler = httpHandler(route, async ({ params }) =>
  ok(await deleteCollection(defaultDeps(), params.collectionId)),
);
