/**
 * The outbox (docs/data-model.md, docs/reliability.md): outbound SNS messages written in the
 * transaction of what causes them, their publish attempts, the sweeper's claims and due reads, the
 * backlog read of the `outbox-age` metric, and each attempt's outcome on the communication it
 * belongs to.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConflictError } from '../../errors.js';
import type { TableContext } from '../context.js';
import { type OutboxAttempt, type OutboxItem, outboxEntity } from '../entities/outbox.js';
import { keys, OUTBOX_PENDING, outboxIndexKeys } from '../keys.js';
import type { TransactItemPart } from '../transact.js';

export type DeliveryStatus = 'sent' | 'pending' | 'failed';

export interface OutboxRepository {
  /** Transaction parts that create these items (each must be new), committed with their cause. */
  createParts(items: readonly OutboxItem[]): TransactItemPart[];
  /**
   * Records one publish attempt on the item read at `item.attemptCount` (still pending); a sent or
   * failed item leaves the index (and loses its `message` when sensitive). Another writer first:
   * `ConflictError`.
   */
  recordAttempt(item: OutboxItem, attempt: OutboxAttempt): Promise<void>;
  /**
   * The organization's entry of the communication's `delivery` (status, attempts, last error), then
   * the overall status once no organization is pending. Nothing for a message of no incident.
   */
  recordOnCommunication(
    item: OutboxItem,
    status: DeliveryStatus,
    attempts: number,
    error?: string,
  ): Promise<void>;
  /**
   * Claims a due item for one attempt: moves `nextAttemptAt` to `until` if the item is still as the
   * due read saw it (pending, same attempt count and due instant); false when another sweep did.
   */
  claim(item: OutboxItem, until: string): Promise<boolean>;
  /** Pending items due at `now`, earliest first (Query on gsi1 OUTBOX#PENDING, never a Scan). */
  due(now: Date, limit: number): Promise<OutboxItem[]>;
  /** `createdAt` of every pending item, at most `maxPages` pages of `pageSize` (only it projected). */
  pendingCreatedAts(maxPages: number, pageSize: number): Promise<(string | undefined)[]>;
}

export function outboxRepository({ db, tableName }: TableContext): OutboxRepository {
  return {
    createParts: (items) => items.map((o) => outboxEntity.create(tableName, o)),

    async recordAttempt(item, a) {
      const attempt = { at: a.at, ok: a.ok, ...(a.error ? { error: a.error } : {}) };
      try {
        await db.send(
          new UpdateCommand({
            TableName: tableName,
            Key: keys.outbox(item.id),
            UpdateExpression:
              a.status === 'pending'
                ? 'SET attempts = list_append(attempts, :a), attemptCount = :n, nextAttemptAt = :next, gsi1sk = :gsk'
                : `SET attempts = list_append(attempts, :a), attemptCount = :n, #s = :s REMOVE gsi1pk, gsi1sk${
                    item.sensitive ? ', message' : ''
                  }`,
            ConditionExpression: '#s = :pending AND attemptCount = :prev',
            ExpressionAttributeNames: { '#s': 'status' },
            ExpressionAttributeValues: {
              ':a': [attempt],
              ':n': a.attemptCount,
              ':pending': 'pending',
              ':prev': item.attemptCount,
              ...(a.status === 'pending'
                ? {
                    ':next': a.nextAttemptAt,
                    ':gsk': outboxIndexKeys({ id: item.id, nextAttemptAt: a.nextAttemptAt }).gsi1sk,
                  }
                : { ':s': a.status }),
            },
          }),
        );
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) {
          throw new ConflictError(
            `Outbox item ${item.id} was changed by another writer`,
            [],
            'CONCURRENT_UPDATE',
          );
        }
        throw error;
      }
    },

    async recordOnCommunication(item, status, attempts, error) {
      if (item.incidentId === undefined || item.commSeq === undefined) return;
      const key = keys.communication(item.incidentId, item.commSeq);
      const entry = `delivery.organizations[${item.index}]`;
      const res = await db.send(
        new UpdateCommand({
          TableName: tableName,
          Key: key,
          UpdateExpression: `SET ${entry}.#s = :s, ${entry}.attempts = :n${error ? `, ${entry}.lastError = :e` : ''}`,
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: {
            ':s': status,
            ':n': attempts,
            ...(error ? { ':e': error.slice(0, 500) } : {}),
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      const delivery = res.Attributes?.delivery as { organizations?: { status: string }[] } | undefined;
      const statuses = delivery?.organizations?.map((o) => o.status) ?? [];
      if (statuses.includes('pending')) return;
      await db.send(
        new UpdateCommand({
          TableName: tableName,
          Key: key,
          UpdateExpression: 'SET delivery.#s = :s',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: { ':s': statuses.includes('failed') ? 'failed' : 'sent' },
        }),
      );
    },

    async claim(item, until) {
      try {
        await db.send(
          new UpdateCommand({
            TableName: tableName,
            Key: keys.outbox(item.id),
            UpdateExpression: 'SET nextAttemptAt = :until, gsi1sk = :gsk',
            ConditionExpression: '#s = :pending AND attemptCount = :n AND nextAttemptAt = :seen',
            ExpressionAttributeNames: { '#s': 'status' },
            ExpressionAttributeValues: {
              ':until': until,
              ':gsk': outboxIndexKeys({ id: item.id, nextAttemptAt: until }).gsi1sk,
              ':pending': 'pending',
              ':n': item.attemptCount,
              ':seen': item.nextAttemptAt,
            },
          }),
        );
        return true;
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) return false;
        throw error;
      }
    },

    async due(now, limit) {
      const res = await db.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk <= :now',
          ExpressionAttributeValues: { ':pk': OUTBOX_PENDING, ':now': `${now.toISOString()}#\uffff` },
          Limit: limit,
        }),
      );
      return (res.Items ?? []).map((i) => outboxEntity.fromItem(i));
    },

    async pendingCreatedAts(maxPages, pageSize) {
      const createdAts: (string | undefined)[] = [];
      let startKey: Record<string, unknown> | undefined;
      for (let page = 0; page < maxPages; page += 1) {
        const res = await db.send(
          new QueryCommand({
            TableName: tableName,
            IndexName: 'gsi1',
            KeyConditionExpression: 'gsi1pk = :pk',
            ExpressionAttributeValues: { ':pk': OUTBOX_PENDING },
            ProjectionExpression: 'createdAt',
            Limit: pageSize,
            ...(startKey ? { ExclusiveStartKey: startKey } : {}),
          }),
        );
        for (const item of res.Items ?? []) createdAts.push((item as { createdAt?: string }).createdAt);
        startKey = res.LastEvaluatedKey;
        if (!startKey) break;
      }
      return createdAts;
    },
  };
}
