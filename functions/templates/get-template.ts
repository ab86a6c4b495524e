import { defaultDeps } from '../../shared/deps.js';
import { getTemplate } from '../../shared/domain/templates/service.js';
import { httpHandler, ok } from '../../shared/http/handler.js';
import * as routes from '../../shared/routes/templates.js';

export const handler = httpHandler(routes.getTemplate, async ({ params }) =>
  ok(await getTemplate(defaultDeps(), params.templateId)),
);
