import { defaultDeps } from '../../shared/deps.js';
import { deleteContact } from '../../shared/domain/contacts/service.js';
import { httpHandler, ok } from '../../shared/http/handler.js';
import * as routes from '../../shared/routes/contacts.js';

export const handler = httpHandler(routes.deleteContact, async ({ params, body, caller }) =>
  ok(await deleteContact(defaultDeps(), caller, params.contactId, body)),
);
