import { defaultDeps } from '../../shared/deps.js';
import { getTemplate } from '../../shared/domain/templates/service.js';
import { httpHandler, ok } from '../../shared/http/handler.js';
import { route } from '../../shared/routes/templates/get-template.js';

export const handler = httpHandler(route, async ({ params }) =>
  ok(await getTemplate(defaultDeps(), params.templateId)),
);
