import { defaultDeps } from '../../shared/deps.js';
import { updateTemplate } from '../../shared/domain/templates/service.js';
import { httpHandler, ok } from '../../shared/http/handler.js';
import { route } from '../../shared/routes/templates/update-template.js';

export const handler = httpHandler(route, async ({ params, body, caller }) =>
  ok(await updateTemplate(defaultDeps(), caller, params.templateId, body)),
);
