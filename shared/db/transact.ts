import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { PutCommand, TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { ConflictError, type ErrorDetail } from '../errors.js';
import type { TableContext } from './context.js';
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

/**
 * A transaction cancelled because the aggregate root it was conditioned on moved on: `current` is
 * the root as it is now, returned by the failed condition itself (`ReturnValuesOnConditionCheckFailure:
 * ALL_OLD`), so the writer decides again on it without reading it first. Retried like any
 * `TransactionConflict` by `withOptimisticRetry`.
 */
export class StaleRoot<T> extends TransactionConflict {
  constructor(
    failed: number[],
    readonly current: T,
  ) {
    super(failed);
    this.name = 'StaleRoot';
  }
}

/** One TransactWriteItems request. Condition failures become `TransactionConflict`. */
export async function transactWrite(deps: TableContext, items: TransactItem[]): Promise<void> {
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
  deps: TableContext,
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
export async function putOne(deps: TableContext, item: TransactItem): Promise<void> {
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
export function organizationExists(deps: TableContext, orgId: string): TransactItem {
  return {
    ConditionCheck: {
      TableName: deps.tableName,
      Key: keys.organization(orgId),
      ConditionExpression: 'attribute_exists(pk)',
    },
  };
}

/** The 409 a stale versioned write answers (the domain's `withOptimisticRetry` reads again and retries). */
export const concurrentUpdate = (): ConflictError =>
  new ConflictError('The resource was changed concurrently; retry the request', [], 'CONCURRENT_UPDATE');

/**
 * A piece of a TransactWriteItems request that one repository hands another, opaque to the domain
 * (services never build SDK items): e.g. the contacts' `referencedBy` changes written inside an
 * organization's, policy's or trigger's transaction. `explain` turns the failed indexes of the
 * part's own items (0-based) into the details of a 400 (none: not this part's fault).
 */
export class TransactPart {
  readonly #items: readonly TransactItem[];
  readonly #explain: (failed: readonly number[]) => ErrorDetail[];
  constructor(
    items: readonly TransactItem[],
    explain: (failed: readonly number[]) => ErrorDetail[] = () => [],
  ) {
    this.#items = items;
    this.#explain = explain;
  }
  /** Whether the part writes nothing (an unchanged reference set). */
  get empty(): boolean {
    return this.#items.length === 0;
  }
  /** @internal (shared/db only) */
  static itemsOf(part: TransactPart): readonly TransactItem[] {
    return part.#items;
  }
  /** @internal (shared/db only) */
  static explain(part: TransactPart, failed: readonly number[]): ErrorDetail[] {
    return part.#explain(failed);
  }
}

/** The items of several parts, in order. */
export const partItems = (parts: readonly TransactPart[]): TransactItem[] =>
  parts.flatMap((p) => [...TransactPart.itemsOf(p)]);

/**
 * The details of the parts placed at `offset` in a cancelled transaction, part by part: the first
 * part with details answers (`firstOnly`), or all of them together.
 */
export function explainParts(
  parts: readonly TransactPart[],
  failed: readonly number[],
  offset: number,
  firstOnly = true,
): ErrorDetail[] {
  const out: ErrorDetail[] = [];
  let first = offset;
  for (const part of parts) {
    const n = TransactPart.itemsOf(part).length;
    const local = failed.filter((i) => i >= first && i < first + n).map((i) => i - first);
    const details = local.length > 0 ? TransactPart.explain(part, local) : [];
    if (details.length > 0) {
      if (firstOnly) return details;
      out.push(...details);
    }
    first += n;
  }
  return out;
}

/**
 * A part of a transaction a repository returns for the caller to commit with others (an outbox item
 * with its communication and timeline entry, a token with its outbox item): opaque to the domain,
 * which only passes it on to the transaction.
 */
export type TransactItemPart = TransactItem;
