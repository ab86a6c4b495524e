/**
 * Scheduler target `exercise-inject` (one-time schedules `exr.<exerciseId>.i<n>`, docs/exercises.md):
 * fires one inject of an exercise. The exercise is RE-READ: an ended exercise or an inject that
 * fired already does nothing, so a duplicate or late firing is a logged no-op; an exercise not
 * written yet (a firing just before the start's transaction commits) fails, and is retried.
 */
import { defaultDeps } from '../../shared/deps.js';
import { fireInject } from '../../shared/domain/exercises/inject.js';
import { escalationRuntime } from '../../shared/escalation-runtime.js';
import { logger } from '../../shared/http/observability.js';
import { ExerciseInjectEvent } from '../../shared/schemas/exercises.js';

export const handler = async (event: unknown) => {
  const parsed = ExerciseInjectEvent.safeParse(event);
  if (!parsed.success) {
    logger.error('exercise-inject: malformed event', { event, issues: parsed.error.issues });
    return { acted: false, reason: 'malformed event' };
  }
  const result = await fireInject(defaultDeps(), escalationRuntime(), parsed.data);
  logger.info('exercise-inject', { ...result });
  return result;
};
