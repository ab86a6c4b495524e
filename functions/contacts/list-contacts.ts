import { defaultDeps } from '../../shared/deps.js';
import { listContacts } from '../../shared/domain/contacts/service.js';
import { httpHandler, ok } from '../../shared/http/handler.js';
import * as routes from '../../shared/routes/contacts.js';

export const handler = httpHandler(routes.listContacts, async ({ query }) =>
  ok(await listContacts(defaultDeps(), query)),
);
