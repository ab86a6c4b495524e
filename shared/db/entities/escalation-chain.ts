/** An escalation chain `INC#<incId>` / `ESCCHAIN#<chainId>`, in its incident's item collection. */
import type { EscalationChain } from '../../schemas/escalation.js';
import { escalationKeys } from '../keys.js';
import type { TransactItem } from '../transact.js';
import { defineEntity } from './entity.js';

export type StoredChain = EscalationChain;

export const escalationChainEntity = defineEntity<StoredChain>({
  entity: 'escalationChain',
  keyOf: (c) => escalationKeys.chain(c.incidentId, c.chainId),
});

/**
 * Claims level `level` of an active chain: ONE conditional UpdateItem (`status = active AND
 * currentLevel < level AND size(steps) = n`, n = `stepsBefore`), so of two concurrent firings
 * exactly one acts. False when the chain moved on, was acknowledged, exhausted or stopped.
 */
export interface LevelClaim {
  at: string;
  nextLevelAt: string | null;
  nextSchedule: string | null;
  last: boolean;
  by: string;
  /** Steps recorded when the chain was read: the claim fails if another one got in between. */
  stepsBefore: number;
  /** The step as recorded (what the level's notice did). */
  step: EscalationChain['steps'][number];
}

/**
 * The claim of a level as a transaction item: written in the level's notice transaction, so the
 * claim and the notice (communication + outbox) commit together.
 */
export function claimLevelItem(
  tableName: string,
  c: { incidentId: string; chainId: string },
  level: number,
  set: LevelClaim,
): TransactItem {
  return {
    Update: {
      TableName: tableName,
      Key: escalationKeys.chain(c.incidentId, c.chainId),
      UpdateExpression: `SET currentLevel = :level, nextLevelAt = :next, nextSchedule = :sched, steps = list_append(steps, :step), version = version + :one${
        set.last ? ', #status = :exhausted, endedAt = :at, endedBy = :by' : ''
      }`,
      // Below this level (a missed level is skipped, never re-run), and nobody claimed since the read.
      ConditionExpression: '#status = :active AND currentLevel < :level AND size(steps) = :steps',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: {
        ':level': level,
        ':steps': set.stepsBefore,
        ':active': 'active',
        ':next': set.nextLevelAt,
        ':sched': set.nextSchedule,
        ':one': 1,
        ':step': [set.step],
        ...(set.last ? { ':exhausted': 'exhausted', ':at': set.at, ':by': set.by } : {}),
      },
    },
  };
}
