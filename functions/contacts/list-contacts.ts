import { defaultDeps } from '../../shared/deps.js';
import { listContacts } from '../../shared/domain/contacts/service.js';
import { httpHandler, ok } from '../../shared/http/handler.js';
import { route } from '../../shared/routes/contacts/list-contacts.js';

export const handler = httpHandler(route, async ({ query }) => ok(await listContacts(defaultDeps(), query)));
