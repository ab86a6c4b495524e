import { defaultDeps } from '../../shared/deps.js';
import { createIncident } from '../../shared/domain/incidents/service.js';
import { created, httpHandler } from '../../shared/http/handler.js';
import * as routes from '../../shared/routes/incidents.js';

export const handler = httpHandler(routes.createIncident, async ({ body, caller }) =>
  created(await createIncident(defaultDeps(), caller, body)),
);
