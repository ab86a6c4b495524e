import { defaultDeps } from '../../shared/deps.js';
import { addSighting } from '../../shared/domain/sharing/service.js';
import { created, httpHandler } from '../../shared/http/handler.js';
import { route } from '../../shared/routes/sharing/create-sighting.js';

export const handler = httpHandler(route, async ({ params, body, caller }) =>
  created(await addSighting(defaultDeps(), caller, params.incidentId, params.indicatorId, body)),
);
