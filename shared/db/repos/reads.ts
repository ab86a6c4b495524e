/** Reads the repositories share, over a `TableContext` (consistent, every page). */
import { BatchGetCommand, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { TableContext } from '../context.js';
import type { Key } from '../keys.js';

export type Item = Record<string, unknown>;

/** Every item of a Query, following `LastEvaluatedKey` (one request per 1 MB page). */
export async function queryEvery(
  { db, tableName }: TableContext,
  input: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>,
): Promise<Item[]> {
  const out: Item[] = [];
  let start: Item | undefined;
  do {
    const res = await db.send(new QueryCommand({ TableName: tableName, ...input, ExclusiveStartKey: start }));
    out.push(...(res.Items ?? []));
    start = res.LastEvaluatedKey;
  } while (start);
  return out;
}

/**
 * The items of `keys` in ONE BatchGetItem (consistent), again for any `UnprocessedKeys` (a key left
 * unread is not a missing item).
 */
export async function batchGetEvery({ db, tableName }: TableContext, keys: readonly Key[]): Promise<Item[]> {
  const out: Item[] = [];
  let pending: Item[] = keys.map((k) => ({ ...k }));
  for (let attempt = 0; pending.length > 0; attempt++) {
    if (attempt > 0) await new Promise((r) => setTimeout(r, Math.min(20 * 2 ** attempt, 500)));
    const res = await db.send(
      new BatchGetCommand({ RequestItems: { [tableName]: { Keys: pending, ConsistentRead: true } } }),
    );
    out.push(...(res.Responses?.[tableName] ?? []));
    pending = res.UnprocessedKeys?.[tableName]?.Keys ?? [];
  }
  return out;
}
