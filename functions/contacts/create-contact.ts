import { defaultDeps } from '../../shared/deps.js';
import { createContact } from '../../shared/domain/contacts/service.js';
import { created, httpHandler } from '../../shared/http/handler.js';
import * as routes from '../../shared/routes/contacts.js';

export const handler = httpHandler(routes.createContact, async ({ body, caller }) =>
  created(await createContact(defaultDeps(), caller, body)),
);
