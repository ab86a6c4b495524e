/**
 * Acknowledgement link tokens (docs/escalation.md): stored with their link message's outbox item in
 * one transaction, read by hash, consumed in the acknowledgement's incident transaction.
 */
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { ConflictError } from '../../errors.js';
import type { TableContext } from '../context.js';
import { type AckTokenItem, ackTokenEntity, newAckToken } from '../entities/ack-token.js';
import { ackKeys } from '../keys.js';
import type { TransactItemPart } from '../transact.js';

export interface AckTokensRepository {
  /**
   * Stores a new token together with `withParts` (its message's outbox item) in ONE transaction: a
   * stored token always has its message on the way. A taken hash: `ConflictError`.
   */
  create(token: AckTokenItem, withParts: readonly TransactItemPart[]): Promise<void>;
  /** The token of a hash (consistent); undefined when unknown. */
  get(hash: string): Promise<AckTokenItem | undefined>;
  /** Consumes a token only if unused: a part of the acknowledgement's incident transaction. */
  usePart(hash: string, at: string): TransactItemPart;
}

export function ackTokensRepository({ db, tableName }: TableContext): AckTokensRepository {
  return {
    async create(token, withParts) {
      try {
        await db.send(
          new TransactWriteCommand({
            TransactItems: [ackTokenEntity.create(tableName, newAckToken(token)), ...withParts],
          }),
        );
      } catch (error) {
        if (error instanceof TransactionCanceledException) {
          throw new ConflictError('The acknowledgement link could not be stored', [], 'CONCURRENT_UPDATE');
        }
        throw error;
      }
    },
    async get(hash) {
      const res = await db.send(
        new GetCommand({ TableName: tableName, Key: ackKeys.token(hash), ConsistentRead: true }),
      );
      return res.Item ? (ackTokenEntity.fromItem(res.Item) as AckTokenItem) : undefined;
    },
    usePart: (hash, at) => ({
      Update: {
        TableName: tableName,
        Key: ackKeys.token(hash),
        UpdateExpression: 'SET usedAt = :at',
        ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(usedAt)',
        ExpressionAttributeValues: { ':at': at },
      },
    }),
  };
}
