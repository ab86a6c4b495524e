import { defaultDeps } from '../../shared/deps.js';
import { listEvidence } from '../../shared/domain/evidence/service.js';
import { httpHandler, ok } from '../../shared/http/handler.js';
import { route } from '../../shared/routes/evidence/list-evidence.js';

export const handler = httpHandler(route, async ({ params, query }) =>
  ok(await listEvidence(defaultDeps(), params.incidentId, query)),
);
