/** The route entry of `functions/exercises/raise-exercise-finding.ts` (listed in ./index.ts). */
import * as ex from '../../schemas/exercises.js';
import { COORDINATORS, type Route } from '../types.js';

export const route = {
  id: 'raiseExerciseFinding',
  method: 'POST',
  path: '/exercises/{exerciseId}/findings/{findingId}/raise',
  handler: 'exercises/raise-exercise-finding',
  roles: COORDINATORS,
  table: 'RW',
  // A contract update's due-date reminder schedules (docs/agreements.md).
  uses: ['scheduler'],
  summary:
    'Raise a finding as what it proposes: an agreement update, an action on the playbook, or a contact re-verification (linked in one transaction)',
  tag: 'exercises',
  body: ex.RaiseFindingBody,
  response: { status: 201, schema: ex.Finding },
} as const satisfies Route;
