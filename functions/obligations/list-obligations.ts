import { defaultDeps } from '../../shared/deps.js';
import { listObligations } from '../../shared/domain/obligations/service.js';
import { httpHandler, ok } from '../../shared/http/handler.js';
import * as routes from '../../shared/routes/obligations.js';

export const handler = httpHandler(routes.listObligations, async ({ params }) =>
  ok(await listObligations(defaultDeps(), params.incidentId)),
);
