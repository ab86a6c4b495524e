import { defaultDeps } from '../../shared/deps.js';
import { raiseFinding } from '../../shared/domain/exercises/raise.js';
import { created, httpHandler } from '../../shared/http/handler.js';
import { route } from '../../shared/routes/exercises/raise-exercise-finding.js';
import { schedulingDepsIfConfigured } from '../../shared/scheduling-deps.js';

export const handler = httpHandler(route, async ({ params, body, caller }) =>
  created(
    await raiseFinding(
      defaultDeps(),
      caller,
      params.exerciseId,
      params.findingId,
      body,
      schedulingDepsIfConfigured(),
    ),
  ),
);
