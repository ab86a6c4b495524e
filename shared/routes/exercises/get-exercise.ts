/** The route entry of `functions/exercises/get-exercise.ts` (listed in ./index.ts). */
import * as ex from '../../schemas/exercises.js';
import { READERS, type Route } from '../types.js';

export const route = {
  id: 'getExercise',
  method: 'GET',
  path: '/exercises/{exerciseId}',
  handler: 'exercises/get-exercise',
  roles: READERS,
  table: 'RO',
  summary: 'An exercise with its injects (fired or not)',
  tag: 'exercises',
  response: { status: 200, schema: ex.Exercise },
} as const satisfies Route;
