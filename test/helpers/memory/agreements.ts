/** In-memory AgreementUpdatesRepository and ReviewsRepository (same conflicts as the DynamoDB ones). */
import type { StoredContribution, StoredReview } from '../../../shared/db/entities/review.js';
import type { AgreementUpdatesRepository } from '../../../shared/db/repos/agreement-updates.js';
import type { ReviewsRepository } from '../../../shared/db/repos/reviews.js';
import { ConflictError } from '../../../shared/errors.js';
import type { AgreementUpdate, SlaBreach } from '../../../shared/schemas/agreements.js';
import { memoryPart } from './parts.js';

const stale = () => new ConflictError('stale', [], 'CONCURRENT_UPDATE');

const page = <T>(items: T[], p: { limit: number; cursor?: string | undefined }) => {
  const start = p.cursor ? Number(p.cursor) : 0;
  const end = start + p.limit;
  return { items: items.slice(start, end), nextCursor: end < items.length ? String(end) : null };
};

export function memoryAgreementUpdates(): AgreementUpdatesRepository & {
  readonly updates: Map<string, AgreementUpdate>;
  readonly breaches: Map<string, SlaBreach>;
} {
  const updates = new Map<string, AgreementUpdate>();
  const breaches = new Map<string, SlaBreach>();
  const breachKey = (b: SlaBreach) => `${b.thirdPartyId}#${b.incidentId}#${b.metric}`;
  return {
    updates,
    breaches,
    async get(id) {
      return updates.get(id);
    },
    async create(entries) {
      for (const { update, breach } of entries) {
        if (updates.has(update.id) || (breach && breaches.has(breachKey(breach)))) throw stale();
      }
      for (const { update, breach } of entries) {
        updates.set(update.id, update);
        if (breach) breaches.set(breachKey(breach), breach);
      }
    },
    createPart(entries) {
      return memoryPart(
        () => {
          for (const { update, breach } of entries) {
            if (updates.has(update.id) || (breach && breaches.has(breachKey(breach)))) throw stale();
          }
        },
        () => {
          for (const { update, breach } of entries) {
            updates.set(update.id, update);
            if (breach) breaches.set(breachKey(breach), breach);
          }
        },
      );
    },
    async replace(update, expectedVersion) {
      if (updates.get(update.id)?.version !== expectedVersion) throw stale();
      updates.set(update.id, update);
    },
    async listByOrganization(organizationId, p) {
      return page(
        [...updates.values()].filter((u) => u.organizationId === organizationId),
        p,
      );
    },
    async listBySource(source, p) {
      return page(
        [...updates.values()].filter((u) => u.source.kind === source.kind && u.source.id === source.id),
        p,
      );
    },
    async breachesOf(thirdPartyId) {
      return [...breaches.values()].filter((b) => b.thirdPartyId === thirdPartyId);
    },
  };
}

export function memoryReviews(): ReviewsRepository & {
  readonly reviews: Map<string, { review: StoredReview; contributions: StoredContribution[] }>;
} {
  const reviews = new Map<string, { review: StoredReview; contributions: StoredContribution[] }>();
  return {
    reviews,
    async get(incidentId) {
      const r = reviews.get(incidentId);
      return r ? { review: r.review, contributions: [...r.contributions] } : undefined;
    },
    async open(review) {
      if (reviews.has(review.incidentId)) throw new ConflictError('exists', [], 'ALREADY_EXISTS');
      reviews.set(review.incidentId, { review, contributions: [] });
    },
    async addContribution(next, expectedVersion, contribution) {
      const r = reviews.get(next.incidentId);
      if (r?.review.version !== expectedVersion) throw stale();
      reviews.set(next.incidentId, { review: next, contributions: [...r.contributions, contribution] });
    },
    async replace(next, expectedVersion) {
      const r = reviews.get(next.incidentId);
      if (r?.review.version !== expectedVersion) throw stale();
      reviews.set(next.incidentId, { review: next, contributions: r.contributions });
    },
  };
}
