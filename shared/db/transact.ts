import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { PutCommand, TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import type { Deps } from '../deps.js';
import { ConflictError } from '../errors.js';
import { keys } from './keys.js';

export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/**
 * Thrown when a transaction is cancelled by condition checks. `failed` holds the indexes of the
 * items whose condition failed, so the caller can say which (e.g. which third party is unknown).
 */
export class TransactionConflict extends Error {
  constructor(readonly failed: number[]) {
    super('Transaction cancelled by a condition check');
    this.name = 'TransactionConflict';
  }
}

/** One TransactWriteItems request. Condition failures become `TransactionConflict`. */
export async function transactWrite(deps: Deps, items: TransactItem[]): Promise<void> {
  try {
    await deps.db.send(new TransactWriteCommand({ TransactItems: items }));
  } catch (error) {
    if (error instanceof TransactionCanceledException) {
      const reasons = error.CancellationReasons ?? [];
      const failed = reasons.flatMap((r, i) => (r.Code === 'ConditionalCheckFailed' ? [i] : []));
      if (failed.length > 0) throw new TransactionConflict(failed);
      if (reasons.some((r) => r.Code === 'TransactionConflict')) throw new TransactionConflict([]);
    }
    throw error;
  }
}

/**
 * Optimistic concurrency: runs `attempt` (read → decide → conditional write) again when another
 * writer got there first, with jittered backoff; after `maxAttempts`, a 409 the client can retry.
 */
export async function withOptimisticRetry<T>(attempt: () => Promise<T>, maxAttempts = 10): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof TransactionConflict) || i >= maxAttempts) {
        if (error instanceof TransactionConflict) {
          throw new ConflictError(
            'The resource was changed concurrently; retry the request',
            [],
            'CONCURRENT_UPDATE',
          );
        }
        throw error;
      }
      const delay = Math.random() * Math.min(400, 10 * 2 ** i);
      await new Promise((r) => setTimeout(r, delay));
    }
  }
}

/**
 * A Put conditioned on the item being new (`expectedVersion` null) or still at the `version` it was
 * read at: the optimistic-concurrency condition of every versioned item.
 */
export function conditionalPut(
  deps: Deps,
  item: Record<string, unknown>,
  expectedVersion: number | null,
): TransactItem {
  return {
    Put: {
      TableName: deps.tableName,
      Item: item,
      ...(expectedVersion === null
        ? { ConditionExpression: 'attribute_not_exists(pk)' }
        : { ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': expectedVersion } }),
    },
  };
}

/** One PutItem of a conditional Put; a failed condition becomes `TransactionConflict` like a transaction's. */
export async function putOne(deps: Deps, item: TransactItem): Promise<void> {
  if (!item.Put) throw new Error('putOne takes a Put');
  try {
    await deps.db.send(new PutCommand(item.Put));
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) throw new TransactionConflict([0]);
    throw error;
  }
}

/** The 409 of a create whose id is taken. */
export const alreadyExists = (what: string, id: string): ConflictError =>
  new ConflictError(
    `${what} ${id} already exists`,
    [{ field: 'body.id', message: 'already exists' }],
    'ALREADY_EXISTS',
  );

/** Condition that an organization exists (an id in a request refers to one). */
export function organizationExists(deps: Deps, orgId: string): TransactItem {
  return {
    ConditionCheck: {
      TableName: deps.tableName,
      Key: keys.organization(orgId),
      ConditionExpression: 'attribute_exists(pk)',
    },
  };
}

/**
 * A part of a transaction a repository returns for the caller to commit with others (an outbox item
 * with its communication and timeline entry, a token with its outbox item): opaque to the domain,
 * which only passes it on to the transaction.
 */
export type TransactPart = TransactItem;
