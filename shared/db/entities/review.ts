/**
 * Joint post-incident review (`REVIEW#<incidentId>` / `#REVIEW`, one per incident: participants,
 * default TLP, the shared result, the contribution counter, version) and its contributions
 * (`REVIEW#<incidentId>` / `CONTRIB#<nnnnnn>`, TLP-marked, immutable).
 */
import type { Review, ReviewContribution } from '../../schemas/agreements.js';
import { keys } from '../keys.js';
import { childNumber } from './children.js';
import { defineEntity } from './entity.js';

/** The review head as stored (contributions are their own items). */
export type StoredReview = Omit<Review, 'contributions' | 'withheldContributions'> & {
  readonly contributionSeq: number;
};

export type StoredContribution = ReviewContribution & { readonly incidentId: string };

export const reviewEntity = defineEntity<StoredReview>({
  entity: 'review',
  keyOf: (r) => keys.review(r.incidentId),
});

export const contributionEntity = defineEntity<StoredContribution>({
  entity: 'reviewContribution',
  keyOf: (c) => keys.reviewContribution(c.incidentId, childNumber(c.contributionId)),
});
