import { defaultDeps } from '../../shared/deps.js';
import { getReport } from '../../shared/domain/incidents/reads.js';
import { httpHandler, ok } from '../../shared/http/handler.js';

export const handler = httpHandler('getIncidentReport', async ({ params }) =>
  ok(await getReport(defaultDeps(), params.incidentId)),
);
