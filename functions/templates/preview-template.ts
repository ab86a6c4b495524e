import { defaultDeps } from '../../shared/deps.js';
import { previewTemplate } from '../../shared/domain/templates/service.js';
import { httpHandler, ok } from '../../shared/http/handler.js';

export const handler = httpHandler('previewTemplate', async ({ params, query }) =>
  ok(await previewTemplate(defaultDeps(), params.templateId, query)),
);
