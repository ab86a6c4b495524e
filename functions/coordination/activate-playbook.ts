import { defaultDeps, notifyDepsIfConfigured, schedulingDepsIfConfigured } from '../../shared/deps.js';
import { activatePlaybook } from '../../shared/domain/coordination/activations.js';
import { created, httpHandler } from '../../shared/http/handler.js';

export const handler = httpHandler('activatePlaybook', async ({ params, body, caller }) =>
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
