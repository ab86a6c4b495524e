/** The route entry of `functions/reviews/create-review-contribution.ts` (listed in ../index.ts). */
import * as ag from '../../schemas/agreements.js';
import { COORDINATORS_AND_PARTNERS, type Route } from '../types.js';

export const route = {
  id: 'createReviewContribution',
  method: 'POST',
  path: '/incidents/{incidentId}/review/contributions',
  handler: 'reviews/create-review-contribution',
  roles: COORDINATORS_AND_PARTNERS,
  table: 'RW',
  summary:
    'Contribute a finding or lesson (TLP-marked) to the joint review (partners: for their own organization)',
  tag: 'reviews',
  body: ag.CreateContributionBody,
  response: { status: 201, schema: ag.ReviewContribution },
} as const satisfies Route;
