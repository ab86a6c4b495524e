import { defaultDeps } from '../../shared/deps.js';
import { listObligations } from '../../shared/domain/obligations/service.js';
import { httpHandler, ok } from '../../shared/http/handler.js';
import { route } from '../../shared/routes/obligations/list-obligations.js';

export const handler = httpHandler(route, async ({ params }) =>
  ok(await listObligations(defaultDeps(), params.incidentId)),
);
