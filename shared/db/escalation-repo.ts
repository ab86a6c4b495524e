/**
 * Escalation items: policies (`ESCPOLICY#`), triggers (`ESCTRIGGER#`) and chains (`INC#<id>` /
 * `ESCCHAIN#<chainId>`, in the incident's item collection). Keys from `escalationKeys` (keys.ts).
 */

import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { NotFoundError } from '../errors.js';
import type { EscalationChain, EscalationPolicy, EscalationTrigger } from '../schemas/escalation.js';
import type { TableContext as Deps } from './context.js';
import { publicView } from './items.js';
import { escalationKeys, incidentPk } from './keys.js';
import { queryAll } from './pagination.js';
import { conditionalPut, type TransactItem } from './transact.js';

export type StoredPolicy = EscalationPolicy;
export type StoredTrigger = EscalationTrigger;
export type StoredChain = EscalationChain;

async function getOne(deps: Deps, key: { pk: string; sk: string }) {
  const res = await deps.db.send(
    new GetCommand({ TableName: deps.tableName, Key: key, ConsistentRead: true }),
  );
  return res.Item;
}

export async function getPolicy(deps: Deps, id: string): Promise<StoredPolicy> {
  const item = await getOne(deps, escalationKeys.policy(id));
  if (!item) throw new NotFoundError(`Escalation policy ${id} not found`);
  return publicView<StoredPolicy>(item, ['referencedContacts']);
}

export function putPolicy(deps: Deps, p: StoredPolicy, expectedVersion: number | null): TransactItem {
  return conditionalPut(
    deps,
    {
      ...p,
      ...escalationKeys.policy(p.id),
      entity: 'escalationPolicy',
      ...escalationKeys.policyIndexKeys(p),
    },
    expectedVersion,
  );
}

/** ConditionCheck: the policy exists (a trigger's `startChain` names one). */
export function policyExists(deps: Deps, id: string): TransactItem {
  return {
    ConditionCheck: {
      TableName: deps.tableName,
      Key: escalationKeys.policy(id),
      ConditionExpression: 'attribute_exists(pk)',
    },
  };
}

export async function getTrigger(deps: Deps, id: string): Promise<StoredTrigger> {
  const item = await getOne(deps, escalationKeys.trigger(id));
  if (!item) throw new NotFoundError(`Escalation trigger ${id} not found`);
  return publicView<StoredTrigger>(item);
}

export function putTrigger(deps: Deps, t: StoredTrigger, expectedVersion: number | null): TransactItem {
  return conditionalPut(
    deps,
    {
      ...t,
      ...escalationKeys.trigger(t.id),
      entity: 'escalationTrigger',
      ...escalationKeys.triggerIndexKeys(t),
    },
    expectedVersion,
  );
}

// ---------- chains ----------

export const chainView = (item: Record<string, unknown>): StoredChain => publicView<StoredChain>(item);

export async function getChain(
  deps: Deps,
  incidentId: string,
  chainId: string,
): Promise<StoredChain | undefined> {
  const item = await getOne(deps, escalationKeys.chain(incidentId, chainId));
  return item ? chainView(item) : undefined;
}

/** The incident's chains (one Query on `begins_with(sk, ESCCHAIN#)`). */
export async function getIncidentChains(deps: Deps, incidentId: string): Promise<StoredChain[]> {
  const items = await queryAll(deps, {
    TableName: deps.tableName,
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :c)',
    ExpressionAttributeValues: { ':pk': incidentPk(incidentId), ':c': escalationKeys.chainPrefix },
    ConsistentRead: true,
  });
  return items.map(chainView);
}

export function putChain(deps: Deps, c: StoredChain, expectedVersion: number | null): TransactItem {
  return conditionalPut(
    deps,
    { ...c, ...escalationKeys.chain(c.incidentId, c.chainId), entity: 'escalationChain' },
    expectedVersion,
  );
}

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
  deps: Deps,
  c: { incidentId: string; chainId: string },
  level: number,
  set: LevelClaim,
): TransactItem {
  return {
    Update: {
      TableName: deps.tableName,
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

/** The claim alone (a level whose notice cannot be written at all); false when the condition failed. */
export async function claimLevel(
  deps: Deps,
  c: { incidentId: string; chainId: string },
  level: number,
  set: LevelClaim,
): Promise<boolean> {
  try {
    await deps.db.send(new UpdateCommand(claimLevelItem(deps, c, level, set).Update as never));
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}
