import { defaultDeps } from '../../shared/deps.js';
import { createTemplate } from '../../shared/domain/templates/service.js';
import { created, httpHandler } from '../../shared/http/handler.js';

export const handler = httpHandler('createTemplate', async ({ body, caller }) =>
  created(await createTemplate(defaultDeps(), caller, body)),
);
