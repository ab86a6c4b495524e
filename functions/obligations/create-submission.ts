import { defaultDeps, schedulingDepsIfConfigured } from '../../shared/deps.js';
import { recordSubmission } from '../../shared/domain/obligations/service.js';
import { created, httpHandler } from '../../shared/http/handler.js';
import * as routes from '../../shared/routes/obligations.js';

export const handler = httpHandler(routes.createSubmission, async ({ params, body, caller }) =>
  created(
    await recordSubmission(
      defaultDeps(),
      caller,
      params.incidentId,
      params.obligationId,
      body,
      schedulingDepsIfConfigured(),
    ),
  ),
);
