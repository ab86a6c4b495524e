import { defaultDeps } from '../../shared/deps.js';
import { updateContact } from '../../shared/domain/contacts/service.js';
import { httpHandler, ok } from '../../shared/http/handler.js';
import * as routes from '../../shared/routes/contacts.js';

export const handler = httpHandler(routes.updateContact, async ({ params, body, caller }) =>
  ok(await updateContact(defaultDeps(), caller, params.contactId, body)),
);
