import { defaultDeps, schedulingDepsIfConfigured } from '../../shared/deps.js';
import { createAction } from '../../shared/domain/incidents/service.js';
import { created, httpHandler } from '../../shared/http/handler.js';
import * as routes from '../../shared/routes/incidents.js';

export const handler = httpHandler(routes.createAction, async ({ params, body, caller }) =>
  created(await createAction(defaultDeps(), caller, params.incidentId, body, schedulingDepsIfConfigured())),
);
