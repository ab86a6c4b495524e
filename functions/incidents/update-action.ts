import { defaultDeps, schedulingDepsIfConfigured } from '../../shared/deps.js';
import { updateAction } from '../../shared/domain/incidents/service.js';
import { httpHandler, ok } from '../../shared/http/handler.js';
import * as routes from '../../shared/routes/incidents.js';

export const handler = httpHandler(routes.updateAction, async ({ params, body, caller }) =>
  ok(
    await updateAction(
      defaultDeps(),
      caller,
      params.incidentId,
      params.actionId,
      body,
      schedulingDepsIfConfigured(),
    ),
  ),
);
