/** The route entry of `functions/exercises/get-exercise-report.ts` (listed in ./index.ts). */
import * as ex from '../../schemas/exercises.js';
import { READERS, type Route } from '../types.js';

export const route = {
  id: 'getExerciseReport',
  method: 'GET',
  path: '/exercises/{exerciseId}/report',
  handler: 'exercises/get-exercise-report',
  roles: READERS,
  table: 'RO',
  summary:
    'Exercise report: per organization and action, times against the playbook; unreachable contacts; escalation levels; findings',
  tag: 'exercises',
  response: { status: 200, schema: ex.ExerciseReport },
} as const satisfies Route;
