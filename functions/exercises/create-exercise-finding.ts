import { defaultDeps } from '../../shared/deps.js';
import { createFinding } from '../../shared/domain/exercises/service.js';
import { created, httpHandler } from '../../shared/http/handler.js';
import { route } from '../../shared/routes/exercises/create-exercise-finding.js';

export const handler = httpHandler(route, async ({ params, body, caller }) =>
  created(await createFinding(defaultDeps(), caller, params.exerciseId, body)),
);
