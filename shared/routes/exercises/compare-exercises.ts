/** The route entry of `functions/exercises/compare-exercises.ts` (listed in ./index.ts). */
import * as ex from '../../schemas/exercises.js';
import { READERS, type Route } from '../types.js';

export const route = {
  id: 'compareExercises',
  method: 'GET',
  path: '/playbooks/{playbookId}/exercises',
  handler: 'exercises/compare-exercises',
  roles: READERS,
  table: 'RO',
  summary: 'Exercises of one playbook over time, with the figures each froze when it ended',
  tag: 'exercises',
  query: ex.CompareExercisesQuery,
  response: { status: 200, schema: ex.ExerciseComparison },
} as const satisfies Route;
