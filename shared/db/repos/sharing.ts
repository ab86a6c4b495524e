/**
 * Information sharing (docs/sharing.md): indicators of an incident (`shared/db/entities/indicator.ts`),
 * TAXII collections (`sharing-collection.ts`) and the sharing ledger (`ledger-entry.ts`). Each
 * change is one conditional write: an indicator or collection at the version it was read at (new:
 * absent), a collection's member organizations and incidents checked in the same transaction.
 */
import { DeleteCommand, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ConflictError, NotFoundError, ValidationError } from '../../errors.js';
import type { Collection, LedgerEntry } from '../../schemas/sharing.js';
import type { TableContext } from '../context.js';
import { indicatorEntity, type StoredIndicator } from '../entities/indicator.js';
import { ledgerEntryEntity } from '../entities/ledger-entry.js';
import { collectionEntity } from '../entities/sharing-collection.js';
import { keys, listQueries, sharingQueries } from '../keys.js';
import { decodeCursor, encodeCursor, indexAll, queryAll, queryIndexPage } from '../pagination.js';
import {
  concurrentUpdate,
  organizationExists,
  type TransactItem,
  TransactionConflict,
  transactWrite,
} from '../transact.js';

export interface LedgerPageOf {
  readonly items: LedgerEntry[];
  readonly nextCursor: string | null;
}

export interface SharingRepository {
  /** Every indicator of an incident (one Query of its own partition), oldest first. */
  indicators(incidentId: string): Promise<StoredIndicator[]>;
  getIndicator(incidentId: string, indicatorId: string): Promise<StoredIndicator | undefined>;
  /** Writes an indicator: new (`expectedVersion` null; 409 on a taken id) or at the version read (409 CONCURRENT_UPDATE). */
  writeIndicator(indicator: StoredIndicator, expectedVersion: number | null): Promise<void>;

  getCollection(id: string): Promise<Collection | undefined>;
  /** Every collection (a handful, admin-defined), by title. */
  collections(): Promise<Collection[]>;
  /**
   * Writes a collection with a check that each member organization and each incident exists
   * (400 naming `body.organizationIds.N` / `body.incidentIds.N`); a moved collection → 409.
   */
  writeCollection(collection: Collection, expectedVersion: number | null): Promise<void>;
  /** Deletes a collection (404 when absent). */
  deleteCollection(id: string): Promise<void>;

  /** The Put of a ledger entry inside another aggregate's transaction (e.g. a regulator submission's). */
  ledgerPut(entry: LedgerEntry): TransactItem;
  /** Records ledger entries (one PutItem each; the same entry written twice is one entry). */
  record(entries: readonly LedgerEntry[]): Promise<void>;
  /** A page of an incident's ledger, oldest first. */
  ledgerOfIncident(
    incidentId: string,
    page: { limit: number; cursor?: string | undefined },
  ): Promise<LedgerPageOf>;
  /** A page of an organization's ledger, oldest first (gsi4). */
  ledgerOfOrganization(
    organizationId: string,
    page: { limit: number; cursor?: string | undefined },
  ): Promise<LedgerPageOf>;
}

export function createSharingRepository(ctx: TableContext): SharingRepository {
  const { db, tableName } = ctx;
  return {
    async indicators(incidentId) {
      const q = sharingQueries.indicators(incidentId);
      const items = await queryAll(ctx, {
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)',
        ExpressionAttributeValues: { ':pk': q.pk, ':sk': q.skPrefix },
        ConsistentRead: true,
      });
      return items
        .map((i) => indicatorEntity.fromItem(i))
        .sort(
          (a, b) => a.recordedAt.localeCompare(b.recordedAt) || a.indicatorId.localeCompare(b.indicatorId),
        );
    },

    async getIndicator(incidentId, indicatorId) {
      const res = await db.send(
        new GetCommand({
          TableName: tableName,
          Key: keys.indicator(incidentId, indicatorId),
          ConsistentRead: true,
        }),
      );
      return res.Item ? indicatorEntity.fromItem(res.Item) : undefined;
    },

    async writeIndicator(indicator, expectedVersion) {
      const put =
        expectedVersion === null
          ? indicatorEntity.create(tableName, indicator)
          : indicatorEntity.replace(tableName, indicator, expectedVersion);
      try {
        await transactWrite(ctx, [put]);
      } catch (error) {
        if (!(error instanceof TransactionConflict)) throw error;
        if (expectedVersion === null)
          throw new ConflictError(`Indicator ${indicator.indicatorId} already exists`, [], 'ALREADY_EXISTS');
        throw concurrentUpdate();
      }
    },

    async getCollection(id) {
      const res = await db.send(
        new GetCommand({ TableName: tableName, Key: keys.collection(id), ConsistentRead: true }),
      );
      return res.Item ? collectionEntity.fromItem(res.Item) : undefined;
    },

    async collections() {
      return (await indexAll(ctx, listQueries.collections())).map((i) => collectionEntity.fromItem(i));
    },

    async writeCollection(collection, expectedVersion) {
      const orgs = collection.organizationIds.map((id, i) => ({ field: `body.organizationIds.${i}`, id }));
      const incidents = collection.incidentIds.map((id, i) => ({ field: `body.incidentIds.${i}`, id }));
      const checks = [
        ...orgs.map((o) => organizationExists(ctx, o.id)),
        ...incidents.map((o) => ({
          ConditionCheck: {
            TableName: tableName,
            Key: keys.incident(o.id),
            ConditionExpression: 'attribute_exists(pk)',
          },
        })),
      ];
      try {
        await transactWrite(ctx, [
          expectedVersion === null
            ? collectionEntity.create(tableName, collection)
            : collectionEntity.replace(tableName, collection, expectedVersion),
          ...checks,
        ]);
      } catch (error) {
        if (!(error instanceof TransactionConflict)) throw error;
        const refs = [...orgs, ...incidents];
        const missing = refs.filter((_, i) => error.failed.includes(1 + i));
        if (missing.length > 0)
          throw new ValidationError(
            'Unknown organization or incident',
            missing.map((m) => ({ field: m.field, message: `${m.id} does not exist` })),
          );
        throw concurrentUpdate();
      }
    },

    async deleteCollection(id) {
      try {
        await db.send(
          new DeleteCommand({
            TableName: tableName,
            Key: keys.collection(id),
            ConditionExpression: 'attribute_exists(pk)',
          }),
        );
      } catch (error) {
        if (error instanceof Error && error.name === 'ConditionalCheckFailedException')
          throw new NotFoundError(`Collection ${id} not found`);
        throw error;
      }
    },

    ledgerPut: (entry) => ledgerEntryEntity.put(tableName, entry),

    async record(entries) {
      await Promise.all(
        entries.map((e) =>
          db.send(new PutCommand({ TableName: tableName, Item: ledgerEntryEntity.toItem(e) })),
        ),
      );
    },

    async ledgerOfIncident(incidentId, page) {
      const { pk } = sharingQueries.ledgerOfIncident(incidentId);
      const res = await db.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': pk },
          Limit: page.limit,
          ExclusiveStartKey: decodeCursor(page.cursor, { pk }),
        }),
      );
      return {
        items: (res.Items ?? []).map((i) => ledgerEntryEntity.fromItem(i)),
        nextCursor: encodeCursor(res.LastEvaluatedKey),
      };
    },

    async ledgerOfOrganization(organizationId, page) {
      const res = await queryIndexPage(ctx, sharingQueries.ledgerOfOrganization(organizationId), page);
      return { items: res.items.map((i) => ledgerEntryEntity.fromItem(i)), nextCursor: res.nextCursor };
    },
  };
}
