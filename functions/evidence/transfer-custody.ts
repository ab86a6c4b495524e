import { defaultDeps } from '../../shared/deps.js';
import { transferCustody } from '../../shared/domain/evidence/service.js';
import { created, httpHandler } from '../../shared/http/handler.js';
import { route } from '../../shared/routes/evidence/transfer-custody.js';

export const handler = httpHandler(route, async ({ params, body, caller }) =>
  created(await transferCustody(defaultDeps(), caller, params.incidentId, params.evidenceId, body)),
);
