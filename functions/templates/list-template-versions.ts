import { defaultDeps } from '../../shared/deps.js';
import { listTemplateVersions } from '../../shared/domain/templates/service.js';
import { httpHandler, ok } from '../../shared/http/handler.js';

export const handler = httpHandler('listTemplateVersions', async ({ params, query }) =>
  ok(await listTemplateVersions(defaultDeps(), params.templateId, query)),
);
