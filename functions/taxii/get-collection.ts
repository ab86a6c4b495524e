import { defaultDeps } from '../../shared/deps.js';
import { getTaxiiCollection } from '../../shared/domain/sharing/taxii.js';
import { httpHandler, ok } from '../../shared/http/handler.js';
import { route } from '../../shared/routes/taxii/get-collection.js';

export const handler = httpHandler(route, async ({ params, caller }) =>
  ok(await getTaxiiCollection(defaultDeps(), caller, params.collectionId)),
);
