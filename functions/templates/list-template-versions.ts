import { defaultDeps } from '../../shared/deps.js';
import { listTemplateVersions } from '../../shared/domain/templates/service.js';
import { httpHandler, ok } from '../../shared/http/handler.js';
import { route } from '../../shared/routes/templates/list-template-versions.js';

export const handler = httpHandler(route, async ({ params, query }) =>
  ok(await listTemplateVersions(defaultDeps(), params.templateId, query)),
);
