import { defaultDeps } from '../../shared/deps.js';
import { getExercise } from '../../shared/domain/exercises/service.js';
import { httpHandler, ok } from '../../shared/http/handler.js';
import { route } from '../../shared/routes/exercises/get-exercise.js';

export const handler = httpHandler(route, async ({ params }) =>
  ok(await getExercise(defaultDeps(), params.exerciseId)),
);
