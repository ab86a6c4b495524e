import { BatchGetCommand, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { ValidationError } from '../errors.js';
import type { TableContext } from './context.js';
import { KEY_ATTRIBUTES } from './table.js';

/**
 * Opaque cursors: the LastEvaluatedKey, base64url-encoded JSON. A cursor is checked against the
 * partition it is used for, so it cannot be replayed against another list.
 */
export function encodeCursor(key: Record<string, unknown> | undefined): string | null {
  if (!key) return null;
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

export function decodeCursor(
  cursor: string | undefined,
  expect: Record<string, string>,
): Record<string, string> | undefined {
  if (cursor === undefined) return undefined;
  const invalid = () =>
    new ValidationError('Invalid cursor', [
      { field: 'query.cursor', message: 'not a cursor from this list' },
    ]);
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw invalid();
  const entries = Object.entries(parsed);
  if (entries.length === 0 || entries.length > 6 || !entries.every(([, v]) => typeof v === 'string'))
    throw invalid();
  // Only key attributes, and always the table's own key (DynamoDB's LastEvaluatedKey shape).
  if (!entries.every(([k]) => KEY_ATTRIBUTES.includes(k)) || !('pk' in parsed) || !('sk' in parsed))
    throw invalid();
  const key = parsed as Record<string, string>;
  for (const [attr, value] of Object.entries(expect)) if (key[attr] !== value) throw invalid();
  return key;
}

/** An index partition chosen by `listQueries` in keys.ts. */
export interface IndexPartition {
  readonly index: string;
  readonly pkAttr: string;
  readonly pk: string;
}

/**
 * One page of an index partition (one Query): `limit` items after the `cursor`, optionally with an
 * equality filter on one attribute (the page may then hold fewer items; `nextCursor` still pages on).
 */
export async function queryIndexPage(
  deps: TableContext,
  q: IndexPartition,
  page: { limit: number; cursor?: string | undefined },
  filter?: { attr: string; value: unknown },
): Promise<{ items: Record<string, unknown>[]; nextCursor: string | null }> {
  const res = await deps.db.send(
    new QueryCommand({
      TableName: deps.tableName,
      IndexName: q.index,
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': q.pkAttr, ...(filter ? { '#f': filter.attr } : {}) },
      ExpressionAttributeValues: { ':pk': q.pk, ...(filter ? { ':f': filter.value } : {}) },
      ...(filter ? { FilterExpression: '#f = :f' } : {}),
      Limit: page.limit,
      ExclusiveStartKey: decodeCursor(page.cursor, { [q.pkAttr]: q.pk }),
    }),
  );
  return { items: res.Items ?? [], nextCursor: encodeCursor(res.LastEvaluatedKey) };
}

/** Every item of a Query, following `LastEvaluatedKey` (one request per 1 MB page). */
export async function queryAll(
  deps: TableContext,
  input: QueryCommandInput,
): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const res = await deps.db.send(new QueryCommand({ ...input, ExclusiveStartKey: start }));
    out.push(...(res.Items ?? []));
    start = res.LastEvaluatedKey;
  } while (start);
  return out;
}

/**
 * Every item of a BatchGetItem on the table (consistent), following `UnprocessedKeys`: DynamoDB may
 * answer part of a batch (throttling, 16 MB), and a key left unread is not a missing item.
 */
export async function batchGetAll(
  deps: TableContext,
  keys: readonly { pk: string; sk: string }[],
): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  let pending: Record<string, unknown>[] = [...keys];
  for (let attempt = 0; pending.length > 0; attempt++) {
    if (attempt > 0) await new Promise((r) => setTimeout(r, Math.min(20 * 2 ** attempt, 500)));
    const res = await deps.db.send(
      new BatchGetCommand({ RequestItems: { [deps.tableName]: { Keys: pending, ConsistentRead: true } } }),
    );
    out.push(...(res.Responses?.[deps.tableName] ?? []));
    pending = res.UnprocessedKeys?.[deps.tableName]?.Keys ?? [];
  }
  return out;
}

/** Every item of one index partition, over all pages (triggers, auto-start policies, the sweep report). */
export function indexAll(
  deps: TableContext,
  q: { index: string; pkAttr: string; pk: string },
): Promise<Record<string, unknown>[]> {
  return queryAll(deps, {
    TableName: deps.tableName,
    IndexName: q.index,
    KeyConditionExpression: '#pk = :pk',
    ExpressionAttributeNames: { '#pk': q.pkAttr },
    ExpressionAttributeValues: { ':pk': q.pk },
  });
}
