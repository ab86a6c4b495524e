import { defaultDeps } from '../../shared/deps.js';
import { listTemplates } from '../../shared/domain/templates/service.js';
import { httpHandler, ok } from '../../shared/http/handler.js';
import * as routes from '../../shared/routes/templates.js';

export const handler = httpHandler(routes.listTemplates, async ({ query }) =>
  ok(await listTemplates(defaultDeps(), query)),
);
