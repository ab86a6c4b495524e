import { defaultDeps } from '../../shared/deps.js';
import { listTemplates } from '../../shared/domain/templates/service.js';
import { httpHandler, ok } from '../../shared/http/handler.js';

export const handler = httpHandler('listTemplates', async ({ query }) =>
  ok(await listTemplates(defaultDeps(), query)),
);
