import { defaultDeps } from '../../shared/deps.js';
import { previewTemplate } from '../../shared/domain/templates/service.js';
import { httpHandler, ok } from '../../shared/http/handler.js';
import { route } from '../../shared/routes/templates/preview-template.js';

export const handler = httpHandler(route, async ({ params, query }) =>
  ok(await previewTemplate(defaultDeps(), params.templateId, query)),
);
