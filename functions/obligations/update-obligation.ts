import { defaultDeps, schedulingDepsIfConfigured } from '../../shared/deps.js';
import { updateObligation } from '../../shared/domain/obligations/service.js';
import { httpHandler, ok } from '../../shared/http/handler.js';
import * as routes from '../../shared/routes/obligations.js';

export const handler = httpHandler(routes.updateObligation, async ({ params, body, caller }) =>
  ok(
    await updateObligation(
      defaultDeps(),
      caller,
      params.incidentId,
      params.obligationId,
      body,
      schedulingDepsIfConfigured(),
    ),
  ),
);
