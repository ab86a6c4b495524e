import { defaultDeps, schedulingDepsIfConfigured } from '../../shared/deps.js';
import { activatePlaybook } from '../../shared/domain/coordination/activations.js';
import { notifyDepsIfConfigured } from '../../shared/domain/notifications/topics.js';
import { created, httpHandler } from '../../shared/http/handler.js';
import * as routes from '../../shared/routes/coordination.js';

export const handler = httpHandler(routes.activatePlaybook, async ({ params, body, caller }) =>
  created(
    await activatePlaybook(
      defaultDeps(),
      caller,
      params.playbookId,
      body,
      notifyDepsIfConfigured(),
      schedulingDepsIfConfigured(),
    ),
  ),
);
