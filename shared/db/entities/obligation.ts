/**
 * Regulatory obligation (`INC#<id>` / `OBLIG#<regime>`, one per regime, so the regime id is its id):
 * trigger times, facts and submissions (inside the item, at most `MAX_SUBMISSIONS`), versioned.
 * Deadlines are computed on read (shared/domain/obligations/view.ts), never stored.
 */
import type { ObligationFacts, Submission, TriggerKey } from '../../schemas/obligations.js';
import { keys } from '../keys.js';
import { defineEntity } from './entity.js';

/** An obligation as stored (`OBLIG#<regime>` in the incident's collection). */
export interface ObligationRecord {
  incidentId: string;
  obligationId: string;
  regime: string;
  triggers: Partial<Record<TriggerKey, string>>;
  facts: ObligationFacts;
  notes?: string;
  submissions: Submission[];
  attachedAt: string;
  attachedBy: string;
  updatedAt: string;
  version: number;
}

/** Keeps an obligation item far below DynamoDB's 400 KB item limit. */
export const MAX_SUBMISSIONS = 50;

export const obligationEntity = defineEntity<ObligationRecord>({
  entity: 'obligation',
  keyOf: (o) => keys.obligation(o.incidentId, o.obligationId),
});
