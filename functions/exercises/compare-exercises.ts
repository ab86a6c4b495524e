import { defaultDeps } from '../../shared/deps.js';
import { compareExercises } from '../../shared/domain/exercises/service.js';
import { httpHandler, ok } from '../../shared/http/handler.js';
import { route } from '../../shared/routes/exercises/compare-exercises.js';

export const handler = httpHandler(route, async ({ params, query }) =>
  ok(await compareExercises(defaultDeps(), params.playbookId, query)),
);
