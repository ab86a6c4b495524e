import { defaultDeps, schedulingDepsIfConfigured } from '../../shared/deps.js';
import { updateAction } from '../../shared/domain/incidents/service.js';
import { httpHandler, ok } from '../../shared/http/handler.js';
import { route } from '../../shared/routes/incidents/update-action.js';

export const handler = httpHandler(route, async ({ params, body, caller }) =>
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
