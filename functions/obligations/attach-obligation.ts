import { defaultDeps, schedulingDepsIfConfigured } from '../../shared/deps.js';
import { attachObligation } from '../../shared/domain/obligations/service.js';
import { created, httpHandler } from '../../shared/http/handler.js';
import * as routes from '../../shared/routes/obligations.js';

export const handler = httpHandler(routes.attachObligation, async ({ params, body, caller }) =>
  created(
    await attachObligation(defaultDeps(), caller, params.incidentId, body, schedulingDepsIfConfigured()),
  ),
);
