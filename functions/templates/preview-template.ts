import { defaultDeps } from '../../shared/deps.js';
import { previewTemplate } from '../../shared/domain/templates/service.js';
import { httpHandler, ok } from '../../shared/http/handler.js';
import * as routes from '../../shared/routes/templates.js';

export const handler = httpHandler(routes.previewTemplate, async ({ params, query }) =>
  ok(await previewTemplate(defaultDeps(), params.templateId, query)),
);
