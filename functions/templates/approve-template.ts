import { defaultDeps } from '../../shared/deps.js';
import { approveTemplate } from '../../shared/domain/templates/service.js';
import { httpHandler, ok } from '../../shared/http/handler.js';

export const handler = httpHandler('approveTemplate', async ({ params, body, caller }) =>
  ok(await approveTemplate(defaultDeps(), caller, params.templateId, body)),
);
