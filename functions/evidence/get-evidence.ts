import { defaultDeps } from '../../shared/deps.js';
import { getEvidence } from '../../shared/domain/evidence/service.js';
import { httpHandler, ok } from '../../shared/http/handler.js';
import { route } from '../../shared/routes/evidence/get-evidence.js';

export const handler = httpHandler(route, async ({ params }) =>
  ok(await getEvidence(defaultDeps(), params.incidentId, params.evidenceId)),
);
