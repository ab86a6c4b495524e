import { defaultDeps } from '../../shared/deps.js';
import { getReport } from '../../shared/domain/incidents/reads.js';
import { httpHandler, ok } from '../../shared/http/handler.js';
import { route } from '../../shared/routes/incidents/get-incident-report.js';

export const handler = httpHandler(route, async ({ params }) =>
  ok(await getReport(defaultDeps(), params.incidentId)),
);
