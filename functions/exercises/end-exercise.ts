import { defaultDeps } from '../../shared/deps.js';
import { endExercise } from '../../shared/domain/exercises/service.js';
import { httpHandler, ok } from '../../shared/http/handler.js';
import { route } from '../../shared/routes/exercises/end-exercise.js';
import { schedulingDepsIfConfigured } from '../../shared/scheduling-deps.js';

export const handler = httpHandler(route, async ({ params, body, caller }) =>
  ok(await endExercise(defaultDeps(), caller, params.exerciseId, body, schedulingDepsIfConfigured())),
);
