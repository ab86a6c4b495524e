import { defaultDeps } from '../../shared/deps.js';
import { deleteContact } from '../../shared/domain/contacts/service.js';
import { httpHandler, ok } from '../../shared/http/handler.js';
import { notifyDepsIfConfigured } from '../../shared/notify-deps.js';
import { route } from '../../shared/routes/contacts/delete-contact.js';

export const handler = httpHandler(route, async ({ params, body, caller }) =>
  ok(await deleteContact(defaultDeps(), caller, params.contactId, body, notifyDepsIfConfigured())),
);
