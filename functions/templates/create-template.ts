import { defaultDeps } from '../../shared/deps.js';
import { createTemplate } from '../../shared/domain/templates/service.js';
import { created, httpHandler } from '../../shared/http/handler.js';
import * as routes from '../../shared/routes/templates.js';

export const handler = httpHandler(routes.createTemplate, async ({ body, caller }) =>
  created(await createTemplate(defaultDeps(), caller, body)),
);
