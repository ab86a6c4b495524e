import { defaultDeps, schedulingDepsIfConfigured } from '../../shared/deps.js';
import { createCoordinatedAction } from '../../shared/domain/coordination/activations.js';
import { created, httpHandler } from '../../shared/http/handler.js';
import * as routes from '../../shared/routes/coordination.js';

export const handler = httpHandler(routes.createCoordinatedAction, async ({ params, body, caller }) =>
  created(
    await createCoordinatedAction(
      defaultDeps(),
      caller,
      params.activationId,
      body,
      schedulingDepsIfConfigured(),
    ),
  ),
);
