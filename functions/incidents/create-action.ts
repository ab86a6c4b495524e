import { defaultDeps, schedulingDepsIfConfigured } from '../../shared/deps.js';
import { createAction } from '../../shared/domain/incidents/service.js';
import { created, httpHandler } from '../../shared/http/handler.js';
import { route } from '../../shared/routes/incidents/create-action.js';

export const handler = httpHandler(route, async ({ params, body, caller }) =>
  created(await createAction(defaultDeps(), caller, params.incidentId, body, schedulingDepsIfConfigured())),
);
