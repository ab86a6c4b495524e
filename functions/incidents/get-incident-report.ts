import { defaultDeps } from '../../shared/deps.js';
import { getReport } from '../../shared/domain/incidents/service.js';
import { httpHandler, ok } from '../../shared/http/handler.js';
import * as routes from '../../shared/routes/incidents.js';

export const handler = httpHandler(routes.getIncidentReport, async ({ params }) =>
  ok(await getReport(defaultDeps(), params.incidentId)),
);
