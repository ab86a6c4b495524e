/**
 * DynamoDB access of escalation acknowledgement links (docs/escalation.md): one item per link,
 * stored only as the SHA-256 of its token (`ACKTOKEN#<hash>`), consumed in the acknowledgement's
 * incident transaction.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Deps } from '../deps.js';
import { ackKeys } from './keys.js';
import { type TransactItem, transactWrite } from './transact.js';

export interface AckTokenItem {
  readonly hash: string;
  readonly contactId: string;
  readonly organizationId: string;
  readonly incidentId: string;
  readonly chainId: string;
  readonly level: number;
  readonly createdAt: string;
  readonly tokenExpiresAt: string;
  readonly usedAt?: string;
}

/** TTL: keep a token item a week past its expiry (so "expired" and "used" stay distinguishable). */
const ttlOf = (iso: string) => Math.floor(Date.parse(iso) / 1000) + 7 * 86_400;

/**
 * Stores a new token together with `with` (the link message's outbox item) in one transaction: a
 * stored token always has its message on the way (the notification sweeper retries it).
 */
export async function putAckToken(deps: Deps, t: AckTokenItem, withItems: TransactItem[]): Promise<void> {
  await transactWrite(deps, [
    {
      Put: {
        TableName: deps.tableName,
        Item: { ...ackKeys.token(t.hash), entity: 'ack-token', ...t, expiresAt: ttlOf(t.tokenExpiresAt) },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
    ...withItems,
  ]);
}

export async function loadAckToken(deps: Deps, hash: string): Promise<AckTokenItem | undefined> {
  const res = await deps.db.send(
    new GetCommand({ TableName: deps.tableName, Key: ackKeys.token(hash), ConsistentRead: true }),
  );
  return res.Item as AckTokenItem | undefined;
}

/** Consumes a token (only if unused): one item of the acknowledgement's incident transaction. */
export function useAckTokenItem(deps: Deps, hash: string, at: string): TransactItem {
  return {
    Update: {
      TableName: deps.tableName,
      Key: ackKeys.token(hash),
      UpdateExpression: 'SET usedAt = :at',
      ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(usedAt)',
      ExpressionAttributeValues: { ':at': at },
    },
  };
}
