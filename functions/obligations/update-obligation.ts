import { defaultDeps } from '../../shared/deps.js';
import { updateObligation } from '../../shared/domain/obligations/service.js';
import { schedulingDepsIfConfigured } from '../../shared/domain/reminders/schedules.js';
import { httpHandler, ok } from '../../shared/http/handler.js';

export const handler = httpHandler('updateObligation', async ({ params, body, caller }) =>
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
