import { defaultDeps } from '../../shared/deps.js';
import { approveTemplate } from '../../shared/domain/templates/service.js';
import { httpHandler, ok } from '../../shared/http/handler.js';
import { route } from '../../shared/routes/templates/approve-template.js';

export const handler = httpHandler(route, async ({ params, body, caller }) =>
  ok(await approveTemplate(defaultDeps(), caller, params.templateId, body)),
);
