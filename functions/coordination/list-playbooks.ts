import { defaultDeps } from '../../shared/deps.js';
import { listPlaybooks } from '../../shared/domain/coordination/playbooks.js';
import { httpHandler, ok } from '../../shared/http/handler.js';
import { route } from '../../shared/routes/coordination/list-playbooks.js';

export const handler = httpHandler(route, async ({ query }) => ok(await listPlaybooks(defaultDeps(), query)));
