import { defaultDeps } from '../../shared/deps.js';
import { getIncidentVersioned } from '../../shared/domain/incidents/reads.js';
import { etagOf } from '../../shared/http/conditional.js';
import { httpHandler } from '../../shared/http/handler.js';
import { route } from '../../shared/routes/incidents/get-incident.js';

export const handler = httpHandler(route, async ({ params, caller }) => {
  const { detail, version } = await getIncidentVersioned(defaultDeps(), params.incidentId, caller);
  // The version a conditional write sends back in `If-Match` (412 when the incident moved on).
  return { status: 200, body: detail, headers: { ETag: etagOf(version) } };
});
