/**
 * The evidence register of an incident (docs/evidence.md): evidence items, their custody entries and
 * the incident's holds, all in the incident's item collection. Writes are handed to the incident's
 * unit of work (the incident item carries the counters and the active holds, so one transaction
 * conditioned on the incident version decides against the holds as they are).
 */
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { NotFoundError } from '../../errors.js';
import type { TableContext } from '../context.js';
import { childNumber } from '../entities/children.js';
import type { Item } from '../entities/entity.js';
import {
  custodyEntryEntity,
  evidenceEntity,
  holdEntity,
  type StoredCustodyEntry,
  type StoredEvidence,
  type StoredHold,
} from '../entities/evidence.js';
import { evidenceKeys, incidentPk } from '../keys.js';
import { decodeCursor, encodeCursor, queryAll } from '../pagination.js';
import type { TransactItem } from '../transact.js';

export interface EvidencePage {
  readonly items: StoredEvidence[];
  readonly nextCursor: string | null;
}

export interface EvidenceRepository {
  /** The S3 object key of an item. */
  objectKey(incidentId: string, evidenceId: string): string;
  /** The S3 object key of an inbound e-mail attachment (by content). */
  inboundObjectKey(incidentId: string, sha256: string): string;
  /** One item (strongly consistent); 404 when absent. */
  get(incidentId: string, evidenceId: string): Promise<StoredEvidence>;
  /** One item and its custody history (two reads in parallel); 404 when absent. */
  getWithCustody(
    incidentId: string,
    evidenceId: string,
  ): Promise<{ evidence: StoredEvidence; custody: StoredCustodyEntry[] }>;
  /** A page of the incident's items, oldest first. */
  list(incidentId: string, page: { limit: number; cursor?: string | undefined }): Promise<EvidencePage>;
  /** Every confirmed item of the incident (the legal hold of a whole incident locks each version). */
  listAll(incidentId: string): Promise<StoredEvidence[]>;
  /** One hold; 404 when absent. */
  getHold(incidentId: string, holdId: string): Promise<StoredHold>;
  /** Every hold of the incident, oldest first (one Query). */
  holds(incidentId: string): Promise<StoredHold[]>;

  newItem(value: StoredEvidence): TransactItem;
  /** Put conditioned on the version it was read at (and, for a change, on no item-level hold). */
  replaceItem(value: StoredEvidence, expectedVersion: number): TransactItem;
  newCustody(value: StoredCustodyEntry): TransactItem;
  newHold(value: StoredHold): TransactItem;
  replaceHold(value: StoredHold, expectedVersion: number): TransactItem;
}

export function createEvidenceRepository({ db, tableName }: TableContext): EvidenceRepository {
  const notFound = (incidentId: string, evidenceId: string) =>
    new NotFoundError(`Evidence ${evidenceId} of incident ${incidentId} not found`);
  const itemKey = (incidentId: string, evidenceId: string) => {
    try {
      return evidenceKeys.item(incidentId, childNumber(evidenceId));
    } catch {
      throw notFound(incidentId, evidenceId);
    }
  };
  const custodyOf = (incidentId: string, evidenceId: string) =>
    queryAll(
      { db, tableName },
      {
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :c)',
        ExpressionAttributeValues: {
          ':pk': incidentPk(incidentId),
          ':c': evidenceKeys.custodyPrefix(childNumber(evidenceId)),
        },
        ConsistentRead: true,
      },
    );
  const repo: EvidenceRepository = {
    objectKey: evidenceKeys.objectKey,
    inboundObjectKey: evidenceKeys.inboundObjectKey,
    async get(incidentId, evidenceId) {
      const res = await db.send(
        new GetCommand({ TableName: tableName, Key: itemKey(incidentId, evidenceId), ConsistentRead: true }),
      );
      if (!res.Item) throw notFound(incidentId, evidenceId);
      return evidenceEntity.fromItem(res.Item);
    },
    async getWithCustody(incidentId, evidenceId) {
      const key = itemKey(incidentId, evidenceId);
      const [item, custody] = await Promise.all([
        db.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true })),
        custodyOf(incidentId, evidenceId),
      ]);
      if (!item.Item) throw notFound(incidentId, evidenceId);
      return {
        evidence: evidenceEntity.fromItem(item.Item),
        custody: custody.map((c: Item) => custodyEntryEntity.fromItem(c)),
      };
    },
    async list(incidentId, page) {
      const pk = incidentPk(incidentId);
      const res = await db.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :e)',
          ExpressionAttributeValues: { ':pk': pk, ':e': evidenceKeys.itemPrefix },
          Limit: page.limit,
          ExclusiveStartKey: decodeCursor(page.cursor, { pk }),
        }),
      );
      return {
        items: (res.Items ?? []).map((i) => evidenceEntity.fromItem(i)),
        nextCursor: encodeCursor(res.LastEvaluatedKey),
      };
    },
    async listAll(incidentId) {
      const items = await queryAll(
        { db, tableName },
        {
          TableName: tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :e)',
          ExpressionAttributeValues: { ':pk': incidentPk(incidentId), ':e': evidenceKeys.itemPrefix },
          ConsistentRead: true,
        },
      );
      return items.map((i: Item) => evidenceEntity.fromItem(i));
    },
    async getHold(incidentId, holdId) {
      let key: ReturnType<typeof evidenceKeys.hold>;
      try {
        key = evidenceKeys.hold(incidentId, childNumber(holdId));
      } catch {
        throw new NotFoundError(`Hold ${holdId} of incident ${incidentId} not found`);
      }
      const res = await db.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }));
      if (!res.Item) throw new NotFoundError(`Hold ${holdId} of incident ${incidentId} not found`);
      return holdEntity.fromItem(res.Item);
    },
    async holds(incidentId) {
      const items = await queryAll(
        { db, tableName },
        {
          TableName: tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :h)',
          ExpressionAttributeValues: { ':pk': incidentPk(incidentId), ':h': evidenceKeys.holdPrefix },
          ConsistentRead: true,
        },
      );
      return items.map((i: Item) => holdEntity.fromItem(i));
    },
    newItem: (value) => evidenceEntity.create(tableName, value),
    replaceItem: (value, expectedVersion) => evidenceEntity.replace(tableName, value, expectedVersion),
    newCustody: (value) => custodyEntryEntity.create(tableName, value),
    newHold: (value) => holdEntity.create(tableName, value),
    replaceHold: (value, expectedVersion) => holdEntity.replace(tableName, value, expectedVersion),
  };
  return repo;
}
