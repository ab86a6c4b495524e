/**
 * Contacts (`shared/db/entities/contact.ts`): reads by id (one GetItem, or one BatchGetItem for
 * several), the list pages, the versioned writes of a contact with the alternates it names, and
 * the `referencedBy` changes other aggregates write in their own transactions (`referenceParts`).
 */

import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { type ErrorDetail, ValidationError } from '../../errors.js';
import type { TableContext } from '../context.js';
import {
  type ContactReferenceChange,
  contactEntity,
  contactReferenceItems,
  type StoredContact,
  type StoredSubscription,
} from '../entities/contact.js';
import { organizationExists } from '../entities/organization.js';
import { keys, listQueries } from '../keys.js';
import { decodeCursor, encodeCursor } from '../pagination.js';
import {
  alreadyExists,
  concurrentUpdate,
  TransactionConflict,
  TransactPart,
  transactWrite,
} from '../transact.js';

export type { ContactReferenceChange, StoredContact, StoredSubscription } from '../entities/contact.js';

/** A contact to write, conditioned on the version it was read at (null: it must be new). */
export interface ContactWrite {
  readonly contact: StoredContact;
  readonly expectedVersion: number | null;
}

export interface ContactsQuery {
  readonly organizationId?: string | undefined;
  readonly stakeholderGroup?: string | undefined;
  readonly dimension?: string | undefined;
  readonly limit: number;
  readonly cursor?: string | undefined;
}

export interface ContactsRepository {
  /** One contact (consistent read), undefined when unknown. */
  get(id: string): Promise<StoredContact | undefined>;
  /** Several contacts in one BatchGetItem (consistent), by id; unknown ids are absent. */
  getMany(ids: readonly string[]): Promise<Map<string, StoredContact>>;
  /** One page of a list (one Query; a dimension not chosen as the index is filtered on the page). */
  list(query: ContactsQuery): Promise<{ items: StoredContact[]; nextCursor: string | null }>;
  /**
   * The writes in ONE transaction (the first is the contact the request is about; with
   * `organizationId`, a check that its organization exists). A new contact whose id is taken → 409
   * ALREADY_EXISTS; anything else changed meanwhile → 409 CONCURRENT_UPDATE (retried).
   */
  write(writes: readonly ContactWrite[], checks?: { organizationId?: string }): Promise<void>;
  /** Stores the contact's SNS subscriptions, if it is still at `version` (else CONCURRENT_UPDATE). */
  setSubscriptions(id: string, subscriptions: StoredSubscription[], version: number): Promise<void>;
  /**
   * The `referencedBy` set changes of one referrer, to write inside the referrer's transaction
   * (added contacts must be live, and of `organizationId` when set); a failed add explains itself
   * as a 400 naming its field.
   */
  referenceParts(change: ContactReferenceChange): TransactPart;
  /**
   * The contact read at `expectedVersion`, replaced, as a part of another aggregate's transaction
   * (an exercise finding flags it for re-verification); a contact changed meanwhile fails it (no
   * detail: the caller reads again).
   */
  replacePart(contact: StoredContact, expectedVersion: number): TransactPart;
}

/** The 400 of referenced contacts that cannot be used. */
export const unusableContacts = (details: ErrorDetail[]): ValidationError =>
  new ValidationError('Unknown or unusable contacts', details);

/** One page of a contact list (the index chooses one criterion; the dimension may be filtered). */
async function queryContactsPage(
  ctx: TableContext,
  query: ContactsQuery,
): Promise<{ items: StoredContact[]; nextCursor: string | null }> {
  const q = listQueries.contacts(query);
  const filterDimension = query.dimension !== undefined && q.index !== 'gsi3';
  const names: Record<string, string> = { '#pk': q.pkAttr };
  const values: Record<string, unknown> = { ':pk': q.pk };
  let condition = '#pk = :pk';
  if ('skPrefix' in q && q.skPrefix && q.skAttr) {
    names['#sk'] = q.skAttr;
    values[':sk'] = q.skPrefix;
    condition += ' AND begins_with(#sk, :sk)';
  }
  if (filterDimension) {
    names['#dim'] = 'dimension';
    values[':dim'] = query.dimension;
  }
  const res = await ctx.db.send(
    new QueryCommand({
      TableName: ctx.tableName,
      IndexName: q.index,
      KeyConditionExpression: condition,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
      ...(filterDimension ? { FilterExpression: '#dim = :dim' } : {}),
      Limit: query.limit,
      ExclusiveStartKey: decodeCursor(query.cursor, { [q.pkAttr]: q.pk }),
    }),
  );
  return {
    items: (res.Items ?? []).map((i) => contactEntity.fromItem(i)),
    nextCursor: encodeCursor(res.LastEvaluatedKey),
  };
}

export function createContactsRepository(ctx: TableContext): ContactsRepository {
  const { db, tableName } = ctx;
  return {
    async get(id) {
      const res = await db.send(
        new GetCommand({ TableName: tableName, Key: keys.contact(id), ConsistentRead: true }),
      );
      return res.Item ? contactEntity.fromItem(res.Item) : undefined;
    },

    async getMany(ids) {
      const out = new Map<string, StoredContact>();
      let pending: Record<string, unknown>[] = [...new Set(ids)].map((id) => ({ ...keys.contact(id) }));
      while (pending.length > 0) {
        const res = await db.send(
          new BatchGetCommand({ RequestItems: { [tableName]: { Keys: pending, ConsistentRead: true } } }),
        );
        for (const item of res.Responses?.[tableName] ?? []) {
          const c = contactEntity.fromItem(item);
          out.set(c.id, c);
        }
        pending = res.UnprocessedKeys?.[tableName]?.Keys ?? [];
      }
      return out;
    },

    list: (query) => queryContactsPage(ctx, query),

    async write(writes, checks = {}) {
      const [first, ...rest] = writes;
      if (!first) return;
      const put = (w: ContactWrite) =>
        w.expectedVersion === null
          ? contactEntity.create(tableName, w.contact)
          : contactEntity.replace(tableName, w.contact, w.expectedVersion);
      try {
        await transactWrite(ctx, [
          put(first),
          ...(checks.organizationId ? [organizationExists(tableName, checks.organizationId)] : []),
          ...rest.map(put),
        ]);
      } catch (error) {
        if (!(error instanceof TransactionConflict)) throw error;
        if (first.expectedVersion === null && error.failed.includes(0))
          throw alreadyExists('Contact', first.contact.id);
        throw concurrentUpdate();
      }
    },

    async setSubscriptions(id, subscriptions, version) {
      try {
        await db.send(
          new UpdateCommand({
            TableName: tableName,
            Key: keys.contact(id),
            UpdateExpression: 'SET subscriptions = :s',
            ConditionExpression: 'version = :v',
            ExpressionAttributeValues: { ':s': subscriptions, ':v': version },
          }),
        );
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) throw concurrentUpdate();
        throw error;
      }
    },

    referenceParts: (change) => contactReferenceItems(tableName, change),

    replacePart: (contact, expectedVersion) =>
      new TransactPart([contactEntity.replace(tableName, contact, expectedVersion)]),
  };
}
