import { defaultDeps } from '../../shared/deps.js';
import { exportIncidentStix } from '../../shared/domain/sharing/service.js';
import { httpHandler, ok } from '../../shared/http/handler.js';
import { route } from '../../shared/routes/sharing/export-incident-stix.js';

export const handler = httpHandler(route, async ({ params, query, caller }) =>
  ok(await exportIncidentStix(defaultDeps(), caller, params.incidentId, query)),
);
