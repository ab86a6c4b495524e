/** The route entry of `functions/reviews/get-review.ts` (listed in ../index.ts). */
import * as ag from '../../schemas/agreements.js';
import { READERS_AND_PARTNERS, type Route } from '../types.js';

export const route = {
  id: 'getReview',
  method: 'GET',
  path: '/incidents/{incidentId}/review',
  handler: 'reviews/get-review',
  roles: READERS_AND_PARTNERS,
  table: 'RO',
  summary:
    'Read the joint post-incident review (partners: of their incidents and reviews, contributions TLP-filtered)',
  tag: 'reviews',
  response: { status: 200, schema: ag.Review },
} as const satisfies Route;
