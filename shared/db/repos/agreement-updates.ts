/**
 * Agreement updates (`AGRUPD#<id>`, listed by organization on gsi1 and by source on gsi2) and the
 * SLA breaches recorded against a third party (`ORG#<id>` / `SLABREACH#…`), docs/agreements.md.
 */
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ValidationError } from '../../errors.js';
import type { AgreementUpdate, SlaBreach } from '../../schemas/agreements.js';
import type { TableContext } from '../context.js';
import { agreementUpdateEntity } from '../entities/agreement-update.js';
import { slaBreachEntity } from '../entities/sla-breach.js';
import { exerciseKeys, keys, listQueries, orgPk, prefixes } from '../keys.js';
import { queryIndexPage } from '../pagination.js';
import {
  concurrentUpdate,
  explainParts,
  partItems,
  type TransactItem,
  TransactionConflict,
  TransactPart,
  transactWrite,
} from '../transact.js';

export interface AgreementUpdatesRepository {
  /** The update (consistent); undefined when unknown. */
  get(id: string): Promise<AgreementUpdate | undefined>;
  /**
   * Creates updates (and the breaches they were raised from) in ONE transaction, each checked
   * against its organization, its agreement (when named) and its source incident or exercise: a missing one is
   * a 400 on `body.organizationId` / `body.agreementId` / `body.source.id`; a breach recorded
   * meanwhile is a 409 CONCURRENT_UPDATE (the caller re-reads).
   */
  create(entries: readonly { update: AgreementUpdate; breach?: SlaBreach }[]): Promise<void>;
  /**
   * The same writes and checks as a part of another aggregate's transaction (an exercise finding
   * raised as an update); a missing reference explains itself as the 400 detail `create` answers.
   */
  createPart(entries: readonly { update: AgreementUpdate; breach?: SlaBreach }[]): TransactPart;
  /** Replaces the update read at `expectedVersion` (409 CONCURRENT_UPDATE otherwise). */
  replace(update: AgreementUpdate, expectedVersion: number): Promise<void>;
  /** A page of an organization's updates, oldest first (gsi1). */
  listByOrganization(
    organizationId: string,
    page: { limit: number; cursor?: string | undefined },
  ): Promise<{ items: AgreementUpdate[]; nextCursor: string | null }>;
  /** A page of the updates raised from one source (gsi2). */
  listBySource(
    source: { kind: string; id: string },
    page: { limit: number; cursor?: string | undefined },
  ): Promise<{ items: AgreementUpdate[]; nextCursor: string | null }>;
  /** The breaches recorded against a third party (one Query, at most 100). */
  breachesOf(thirdPartyId: string): Promise<SlaBreach[]>;
}

const exists = (tableName: string, key: { pk: string; sk: string }): TransactItem => ({
  ConditionCheck: { TableName: tableName, Key: key, ConditionExpression: 'attribute_exists(pk)' },
});

export function agreementUpdatesRepository(ctx: TableContext): AgreementUpdatesRepository {
  const { db, tableName } = ctx;
  const createPart = (entries: readonly { update: AgreementUpdate; breach?: SlaBreach }[]): TransactPart => {
    const items: TransactItem[] = [];
    const meaning: ({ field: string; message: string } | 'conflict')[] = [];
    const checked = new Set<string>();
    const check = (key: { pk: string; sk: string }, field: string, message: string) => {
      const id = `${key.pk}|${key.sk}`;
      if (checked.has(id)) return;
      checked.add(id);
      items.push(exists(tableName, key));
      meaning.push({ field, message });
    };
    for (const { update, breach } of entries) {
      items.push(agreementUpdateEntity.create(tableName, update));
      meaning.push('conflict');
      if (breach) {
        items.push(slaBreachEntity.create(tableName, breach));
        meaning.push('conflict');
      }
      check(
        keys.organization(update.organizationId),
        'body.organizationId',
        `organization ${update.organizationId} does not exist`,
      );
      if (update.agreementId) {
        check(
          keys.agreement(update.organizationId, update.agreementId),
          'body.agreementId',
          `agreement ${update.agreementId} of ${update.organizationId} does not exist`,
        );
      }
      const { kind, id } = update.source;
      check(
        kind === 'exercise' ? exerciseKeys.exercise(id) : keys.incident(id),
        'body.source.id',
        `${kind} ${id} does not exist`,
      );
    }
    return new TransactPart(items, (failed) =>
      failed.flatMap((i) => {
        const m = meaning[i];
        return m && m !== 'conflict' ? [m] : [];
      }),
    );
  };
  return {
    async get(id) {
      const res = await db.send(
        new GetCommand({ TableName: tableName, Key: keys.agreementUpdate(id), ConsistentRead: true }),
      );
      return res.Item ? agreementUpdateEntity.fromItem(res.Item) : undefined;
    },

    async create(entries) {
      const part = createPart(entries);
      try {
        await transactWrite(ctx, partItems([part]));
      } catch (error) {
        if (!(error instanceof TransactionConflict)) throw error;
        const details = explainParts([part], error.failed, 0);
        if (details.length > 0) throw new ValidationError('Unknown referenced id(s)', details);
        throw concurrentUpdate();
      }
    },

    createPart,

    async replace(update, expectedVersion) {
      try {
        await transactWrite(ctx, [agreementUpdateEntity.replace(tableName, update, expectedVersion)]);
      } catch (error) {
        if (error instanceof TransactionConflict) throw concurrentUpdate();
        throw error;
      }
    },

    async listByOrganization(organizationId, page) {
      const res = await queryIndexPage(ctx, listQueries.agreementUpdatesOf(organizationId), page);
      return { items: res.items.map((i) => agreementUpdateEntity.fromItem(i)), nextCursor: res.nextCursor };
    },

    async listBySource(source, page) {
      const res = await queryIndexPage(ctx, listQueries.agreementUpdatesFrom(source), page);
      return { items: res.items.map((i) => agreementUpdateEntity.fromItem(i)), nextCursor: res.nextCursor };
    },

    async breachesOf(thirdPartyId) {
      const res = await db.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
          ExpressionAttributeValues: { ':pk': orgPk(thirdPartyId), ':p': prefixes.slaBreaches },
          ScanIndexForward: false,
          Limit: 100,
        }),
      );
      return (res.Items ?? []).map((i) => slaBreachEntity.fromItem(i));
    },
  };
}
