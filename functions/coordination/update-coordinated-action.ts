import { defaultDeps, schedulingDepsIfConfigured } from '../../shared/deps.js';
import { updateCoordinatedAction } from '../../shared/domain/coordination/activations.js';
import { httpHandler, ok } from '../../shared/http/handler.js';
import * as routes from '../../shared/routes/coordination.js';

export const handler = httpHandler(routes.updateCoordinatedAction, async ({ params, body, caller }) =>
  ok(
    await updateCoordinatedAction(
      defaultDeps(),
      caller,
      params.activationId,
      params.actionId,
      body,
      schedulingDepsIfConfigured(),
    ),
  ),
);
