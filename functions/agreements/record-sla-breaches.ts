import { defaultDeps } from '../../shared/deps.js';
import { recordSlaBreaches } from '../../shared/domain/agreements/service.js';
import { created, httpHandler } from '../../shared/http/handler.js';
import { route } from '../../shared/routes/agreements/record-sla-breaches.js';
import { schedulingDepsIfConfigured } from '../../shared/scheduling-deps.js';

export const handler = httpHandler(route, async ({ params, body, caller }) =>
  created(
    await recordSlaBreaches(defaultDeps(), caller, params.incidentId, body, schedulingDepsIfConfigured()),
  ),
);
