/** The route entry of `functions/exercises/end-exercise.ts` (listed in ./index.ts). */
import * as ex from '../../schemas/exercises.js';
import { COORDINATORS, type Route } from '../types.js';

export const route = {
  id: 'endExercise',
  method: 'POST',
  path: '/exercises/{exerciseId}/end',
  handler: 'exercises/end-exercise',
  roles: COORDINATORS,
  table: 'RW',
  uses: ['scheduler'],
  summary: 'End an exercise: freezes its figures and cancels injects not fired yet',
  tag: 'exercises',
  body: ex.EndExerciseBody,
  response: { status: 200, schema: ex.Exercise },
} as const satisfies Route;
