import { defaultDeps } from '../../shared/deps.js';
import { createTemplate } from '../../shared/domain/templates/service.js';
import { created, httpHandler } from '../../shared/http/handler.js';
import { route } from '../../shared/routes/templates/create-template.js';

export const handler = httpHandler(route, async ({ body, caller }) =>
  created(await createTemplate(defaultDeps(), caller, body)),
);
