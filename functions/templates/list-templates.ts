import { defaultDeps } from '../../shared/deps.js';
import { listTemplates } from '../../shared/domain/templates/service.js';
import { httpHandler, ok } from '../../shared/http/handler.js';
import { route } from '../../shared/routes/templates/list-templates.js';

export const handler = httpHandler(route, async ({ query }) => ok(await listTemplates(defaultDeps(), query)));
