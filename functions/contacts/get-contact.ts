import { defaultDeps } from '../../shared/deps.js';
import { getContact } from '../../shared/domain/contacts/service.js';
import { httpHandler, ok } from '../../shared/http/handler.js';

export const handler = httpHandler('getContact', async ({ params }) =>
  ok(await getContact(defaultDeps(), params.contactId)),
);
