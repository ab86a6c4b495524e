import { defaultDeps } from '../../shared/deps.js';
import { updateContact } from '../../shared/domain/contacts/service.js';
import { httpHandler, ok } from '../../shared/http/handler.js';

export const handler = httpHandler('updateContact', async ({ params, body, caller }) =>
  ok(await updateContact(defaultDeps(), caller, params.contactId, body)),
);
