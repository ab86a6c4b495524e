import { defaultDeps } from '../../shared/deps.js';
import { approveTemplate } from '../../shared/domain/templates/service.js';
import { httpHandler, ok } from '../../shared/http/handler.js';
import * as routes from '../../shared/routes/templates.js';

export const handler = httpHandler(routes.approveTemplate, async ({ params, body, caller }) =>
  ok(await approveTemplate(defaultDeps(), caller, params.templateId, body)),
);
