import { defaultDeps } from '../../shared/deps.js';
import { registerEvidence } from '../../shared/domain/evidence/service.js';
import { objectStoreDeps } from '../../shared/evidence-deps.js';
import { created, httpHandler } from '../../shared/http/handler.js';
import { route } from '../../shared/routes/evidence/register-evidence.js';

export const handler = httpHandler(route, async ({ params, body, caller }) =>
  created(await registerEvidence(defaultDeps(), objectStoreDeps().objects, caller, params.incidentId, body)),
);
