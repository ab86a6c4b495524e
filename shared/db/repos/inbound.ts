/**
 * Inbound e-mail items (`shared/db/entities/inbound-email.ts`): created alone (quarantined) or in
 * the transaction of the incident change that records the message as a communication.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { TableContext } from '../context.js';
import { inboundEmailEntity, type StoredInboundEmail } from '../entities/inbound-email.js';
import { inboundKeys } from '../keys.js';
import { queryIndexPage } from '../pagination.js';
import { concurrentUpdate, putOne, type TransactItem, TransactionConflict } from '../transact.js';
import type { Page } from './incidents.js';

export interface InboundRepository {
  /** The message's item (consistent); undefined when unknown. */
  get(id: string): Promise<StoredInboundEmail | undefined>;
  /** Stores a new (quarantined) message alone; `exists` when its id is taken (a redelivery). */
  create(email: StoredInboundEmail): Promise<'created' | 'exists'>;
  /** Replaces the message read at `expectedVersion`; moved since → 409 CONCURRENT_UPDATE. */
  replace(email: StoredInboundEmail, expectedVersion: number): Promise<void>;
  /** A new message as a part of an incident transaction (fails when its id is taken). */
  createPart(email: StoredInboundEmail): TransactItem;
  /** The message changed from the version read, as a part of a transaction. */
  replacePart(email: StoredInboundEmail, expectedVersion: number): TransactItem;
  /** Quarantined messages, oldest first (one Query on the sparse gsi1 partition). */
  listQuarantined(page: { limit: number; cursor?: string | undefined }): Promise<Page<StoredInboundEmail>>;
}

export function inboundRepository(ctx: TableContext): InboundRepository {
  const { db, tableName } = ctx;
  return {
    async get(id) {
      const res = await db.send(
        new GetCommand({ TableName: tableName, Key: inboundKeys.email(id), ConsistentRead: true }),
      );
      return res.Item ? inboundEmailEntity.fromItem(res.Item) : undefined;
    },
    async create(email) {
      try {
        await putOne(ctx, inboundEmailEntity.create(tableName, email));
        return 'created';
      } catch (error) {
        if (error instanceof TransactionConflict) return 'exists';
        throw error;
      }
    },
    async replace(email, expectedVersion) {
      try {
        await putOne(ctx, inboundEmailEntity.replace(tableName, email, expectedVersion));
      } catch (error) {
        if (error instanceof TransactionConflict) throw concurrentUpdate();
        throw error;
      }
    },
    createPart: (email) => inboundEmailEntity.create(tableName, email),
    replacePart: (email, expectedVersion) => inboundEmailEntity.replace(tableName, email, expectedVersion),
    async listQuarantined(page) {
      const res = await queryIndexPage(ctx, inboundKeys.quarantined(), page);
      return { items: res.items.map((i) => inboundEmailEntity.fromItem(i)), nextCursor: res.nextCursor };
    },
  };
}
