import { defaultDeps } from '../../shared/deps.js';
import { createIndicator } from '../../shared/domain/sharing/service.js';
import { created, httpHandler } from '../../shared/http/handler.js';
import { route } from '../../shared/routes/sharing/create-indicator.js';

export const handler = httpHandler(route, async ({ params, body, caller }) =>
  created(await createIndicator(defaultDeps(), caller, params.incidentId, body)),
);
