import { defaultDeps } from '../../shared/deps.js';
import { listIndicators } from '../../shared/domain/sharing/service.js';
import { httpHandler, ok } from '../../shared/http/handler.js';
import { route } from '../../shared/routes/sharing/list-indicators.js';

export const handler = httpHandler(route, async ({ params }) =>
  ok(await listIndicators(defaultDeps(), params.incidentId)),
);
