import { defaultDeps } from '../../shared/deps.js';
import { createContact } from '../../shared/domain/contacts/service.js';
import { created, httpHandler } from '../../shared/http/handler.js';
import { notifyDepsIfConfigured } from '../../shared/notify-deps.js';
import { route } from '../../shared/routes/contacts/create-contact.js';

export const handler = httpHandler(route, async ({ body, caller }) =>
  created(await createContact(defaultDeps(), caller, body, notifyDepsIfConfigured())),
);
