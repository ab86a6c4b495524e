/**
 * Joint post-incident reviews (`REVIEW#<incidentId>`: the head `#REVIEW` and its contributions
 * `CONTRIB#<n>`), docs/agreements.md. One Query reads a review with its contributions.
 */
import { ConflictError } from '../../errors.js';
import type { TableContext } from '../context.js';
import {
  contributionEntity,
  reviewEntity,
  type StoredContribution,
  type StoredReview,
} from '../entities/review.js';
import { keys } from '../keys.js';
import { concurrentUpdate, TransactionConflict, transactWrite } from '../transact.js';
import { queryEvery } from './reads.js';

export interface ReviewsRepository {
  /** The review of an incident and its contributions (one consistent Query); undefined when none. */
  get(incidentId: string): Promise<{ review: StoredReview; contributions: StoredContribution[] } | undefined>;
  /** Creates the review (409 ALREADY_EXISTS when the incident has one). */
  open(review: StoredReview): Promise<void>;
  /** The head at its next version with a new contribution, in ONE transaction (409 CONCURRENT_UPDATE). */
  addContribution(
    next: StoredReview,
    expectedVersion: number,
    contribution: StoredContribution,
  ): Promise<void>;
  /** Replaces the head read at `expectedVersion` (409 CONCURRENT_UPDATE otherwise). */
  replace(next: StoredReview, expectedVersion: number): Promise<void>;
}

export function reviewsRepository(ctx: TableContext): ReviewsRepository {
  const { tableName } = ctx;
  return {
    async get(incidentId) {
      const items = await queryEvery(ctx, {
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.review(incidentId).pk },
        ConsistentRead: true,
      });
      const head = items.find((i) => i.sk === keys.review(incidentId).sk);
      if (!head) return undefined;
      return {
        review: reviewEntity.fromItem(head),
        contributions: items
          .filter((i) => i.sk !== keys.review(incidentId).sk)
          .map((i) => contributionEntity.fromItem(i)),
      };
    },
    async open(review) {
      try {
        await transactWrite(ctx, [reviewEntity.create(tableName, review)]);
      } catch (error) {
        if (!(error instanceof TransactionConflict)) throw error;
        throw new ConflictError(
          `Incident ${review.incidentId} already has a joint review`,
          [{ field: 'path.incidentId', message: 'a review is already open' }],
          'ALREADY_EXISTS',
        );
      }
    },
    async addContribution(next, expectedVersion, contribution) {
      try {
        await transactWrite(ctx, [
          reviewEntity.replace(tableName, next, expectedVersion),
          contributionEntity.create(tableName, contribution),
        ]);
      } catch (error) {
        if (error instanceof TransactionConflict) throw concurrentUpdate();
        throw error;
      }
    },
    async replace(next, expectedVersion) {
      try {
        await transactWrite(ctx, [reviewEntity.replace(tableName, next, expectedVersion)]);
      } catch (error) {
        if (error instanceof TransactionConflict) throw concurrentUpdate();
        throw error;
      }
    },
  };
}
