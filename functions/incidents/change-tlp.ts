import { defaultDeps } from '../../shared/deps.js';
import { changeIncidentTlp } from '../../shared/domain/command/service.js';
import { httpHandler, ok } from '../../shared/http/handler.js';
import * as routes from '../../shared/routes/incidents.js';

export const handler = httpHandler(routes.changeIncidentTlp, async ({ params, body, caller }) =>
  ok(await changeIncidentTlp(defaultDeps(), caller, params.incidentId, body)),
);
