/** The route entry of `functions/exercises/create-exercise-finding.ts` (listed in ./index.ts). */
import * as ex from '../../schemas/exercises.js';
import { COORDINATORS, type Route } from '../types.js';

export const route = {
  id: 'createExerciseFinding',
  method: 'POST',
  path: '/exercises/{exerciseId}/findings',
  handler: 'exercises/create-exercise-finding',
  roles: COORDINATORS,
  table: 'RW',
  summary:
    'Record a finding of an exercise and what it proposes (playbook action, contact fix, contract update)',
  tag: 'exercises',
  body: ex.CreateFindingBody,
  response: { status: 201, schema: ex.Finding },
} as const satisfies Route;
