import { defaultDeps } from '../../shared/deps.js';
import { listContacts } from '../../shared/domain/contacts/service.js';
import { httpHandler, ok } from '../../shared/http/handler.js';

export const handler = httpHandler('listContacts', async ({ query }) =>
  ok(await listContacts(defaultDeps(), query)),
);
