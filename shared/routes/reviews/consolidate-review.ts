/** The route entry of `functions/reviews/consolidate-review.ts` (listed in ../index.ts). */
import * as ag from '../../schemas/agreements.js';
import { COORDINATORS, type Route } from '../types.js';

export const route = {
  id: 'consolidateReview',
  method: 'POST',
  path: '/incidents/{incidentId}/review/consolidate',
  handler: 'reviews/consolidate-review',
  roles: COORDINATORS,
  table: 'RW',
  uses: ['sns', 'scheduler'],
  summary:
    'Consolidate the joint review and share the result with its participants at the chosen TLP (an outbound communication)',
  tag: 'reviews',
  body: ag.ConsolidateReviewBody,
  response: { status: 200, schema: ag.Review },
} as const satisfies Route;
