/** The route entry of `functions/exercises/create-exercise.ts` (listed in ./index.ts). */
import * as ex from '../../schemas/exercises.js';
import { COORDINATORS, type Route } from '../types.js';

export const route = {
  id: 'createExercise',
  method: 'POST',
  path: '/exercises',
  handler: 'exercises/create-exercise',
  roles: COORDINATORS,
  table: 'RW',
  uses: ['sns', 'scheduler'],
  summary: 'Start an exercise: an exercise incident, the playbook activated on it, injects scheduled',
  tag: 'exercises',
  body: ex.CreateExerciseBody,
  response: { status: 201, schema: ex.Exercise },
} as const satisfies Route;
