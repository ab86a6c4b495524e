import { defaultDeps } from '../../shared/deps.js';
import { listTemplateVersions } from '../../shared/domain/templates/service.js';
import { httpHandler, ok } from '../../shared/http/handler.js';
import * as routes from '../../shared/routes/templates.js';

export const handler = httpHandler(routes.listTemplateVersions, async ({ params, query }) =>
  ok(await listTemplateVersions(defaultDeps(), params.templateId, query)),
);
