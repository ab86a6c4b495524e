/** The route entry of `functions/reviews/open-review.ts` (listed in ../index.ts). */
import * as ag from '../../schemas/agreements.js';
import { COORDINATORS, type Route } from '../types.js';

export const route = {
  id: 'openReview',
  method: 'POST',
  path: '/incidents/{incidentId}/review',
  handler: 'reviews/open-review',
  roles: COORDINATORS,
  table: 'RW',
  summary: 'Open the joint post-incident review of an incident with organizations that take part in it',
  tag: 'reviews',
  body: ag.OpenReviewBody,
  response: { status: 201, schema: ag.Review },
} as const satisfies Route;
