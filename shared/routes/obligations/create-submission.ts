/** The route entry of `functions/obligations/create-submission.ts` (listed in ./index.ts). */
import * as obl from '../../schemas/obligations.js';
import { COORDINATORS, type Route } from '../types.js';

export const route = {
  id: 'createSubmission',
  method: 'POST',
  path: '/incidents/{incidentId}/obligations/{obligationId}/submissions',
  handler: 'obligations/create-submission',
  roles: COORDINATORS,
  table: 'RW',
  uses: ['sns', 'scheduler'],
  summary: 'Record a submission to a regulator (SUB-n): when, to whom, reference, checklist items covered',
  tag: 'obligations',
  body: obl.CreateSubmissionBody,
  response: { status: 201, schema: obl.Submission },
} as const satisfies Route;
