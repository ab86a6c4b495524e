import { defaultDeps } from '../../shared/deps.js';
import { listTaxiiCollections } from '../../shared/domain/sharing/taxii.js';
import { httpHandler, ok } from '../../shared/http/handler.js';
import { route } from '../../shared/routes/taxii/list-collections.js';

export const handler = httpHandler(route, async ({ caller }) =>
  ok(await listTaxiiCollections(defaultDeps(), caller)),
);
