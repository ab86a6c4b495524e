import { defaultDeps } from '../../shared/deps.js';
import { listIncidentAgreementUpdates } from '../../shared/domain/agreements/service.js';
import { httpHandler, ok } from '../../shared/http/handler.js';
import { route } from '../../shared/routes/agreements/list-incident-agreement-updates.js';

export const handler = httpHandler(route, async ({ params, query }) =>
  ok(await listIncidentAgreementUpdates(defaultDeps(), params.incidentId, query)),
);
