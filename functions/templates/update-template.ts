import { defaultDeps } from '../../shared/deps.js';
import { updateTemplate } from '../../shared/domain/templates/service.js';
import { httpHandler, ok } from '../../shared/http/handler.js';
import * as routes from '../../shared/routes/templates.js';

export const handler = httpHandler(routes.updateTemplate, async ({ params, body, caller }) =>
  ok(await updateTemplate(defaultDeps(), caller, params.templateId, body)),
);
