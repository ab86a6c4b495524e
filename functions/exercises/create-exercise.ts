import { defaultDeps } from '../../shared/deps.js';
import { createExercise } from '../../shared/domain/exercises/service.js';
import { escalationRuntime } from '../../shared/escalation-runtime.js';
import { created, httpHandler } from '../../shared/http/handler.js';
import { route } from '../../shared/routes/exercises/create-exercise.js';

export const handler = httpHandler(route, async ({ body, caller }) =>
  created(await createExercise(defaultDeps(), caller, body, escalationRuntime())),
);
