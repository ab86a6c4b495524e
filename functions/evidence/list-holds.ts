import { defaultDeps } from '../../shared/deps.js';
import { listHolds } from '../../shared/domain/evidence/service.js';
import { httpHandler, ok } from '../../shared/http/handler.js';
import { route } from '../../shared/routes/evidence/list-holds.js';

export const handler = httpHandler(route, async ({ params }) =>
  ok(await listHolds(defaultDeps(), params.incidentId)),
);
