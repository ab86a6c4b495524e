import { defaultDeps } from '../../shared/deps.js';
import { getExerciseReport } from '../../shared/domain/exercises/service.js';
import { httpHandler, ok } from '../../shared/http/handler.js';
import { route } from '../../shared/routes/exercises/get-exercise-report.js';

export const handler = httpHandler(route, async ({ params }) =>
  ok(await getExerciseReport(defaultDeps(), params.exerciseId)),
);
