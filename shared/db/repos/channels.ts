/**
 * Coordination channels (`shared/db/entities/channel.ts`): each write is ONE transaction, the
 * channel conditioned on the version read, with a ConditionCheck per participating organization.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Channel } from '../../schemas/coordination.js';
import type { TableContext } from '../context.js';
import { channelEntity } from '../entities/channel.js';
import { organizationExists } from '../entities/organization.js';
import { keys, listQueries } from '../keys.js';
import { queryIndexPage } from '../pagination.js';
import { alreadyExists, concurrentUpdate, TransactionConflict, transactWrite } from '../transact.js';
import { unknownOrganizations } from './organizations.js';

export interface ChannelsRepository {
  /** The channel (consistent), undefined when unknown. */
  get(id: string): Promise<Channel | undefined>;
  /**
   * Writes the channel (new when `expectedVersion` is null) with a check per participant: an unknown
   * one → 400 naming `body.participants.N`; a taken id → 409 ALREADY_EXISTS; a moved channel → 409
   * CONCURRENT_UPDATE.
   */
  write(channel: Channel, expectedVersion: number | null): Promise<void>;
  list(page: { limit: number; cursor?: string | undefined }): Promise<{
    items: Channel[];
    nextCursor: string | null;
  }>;
}

export function createChannelsRepository(ctx: TableContext): ChannelsRepository {
  const { db, tableName } = ctx;
  return {
    async get(id) {
      const res = await db.send(
        new GetCommand({ TableName: tableName, Key: keys.channel(id), ConsistentRead: true }),
      );
      return res.Item ? channelEntity.fromItem(res.Item) : undefined;
    },

    async write(channel, expectedVersion) {
      const orgs = channel.participants.map((id, i) => ({ id, field: `body.participants.${i}` }));
      try {
        await transactWrite(ctx, [
          expectedVersion === null
            ? channelEntity.create(tableName, channel)
            : channelEntity.replace(tableName, channel, expectedVersion),
          ...orgs.map((o) => organizationExists(tableName, o.id)),
        ]);
      } catch (error) {
        if (!(error instanceof TransactionConflict)) throw error;
        const missing = orgs.filter((_, i) => error.failed.includes(1 + i));
        if (missing.length > 0) throw unknownOrganizations(missing);
        if (expectedVersion === null && error.failed.includes(0)) throw alreadyExists('Channel', channel.id);
        throw concurrentUpdate();
      }
    },

    async list(page) {
      const res = await queryIndexPage(ctx, listQueries.channels(), page);
      return { items: res.items.map((i) => channelEntity.fromItem(i)), nextCursor: res.nextCursor };
    },
  };
}
