/**
 * Coordination channels (`CHANNEL#<id>` / `#CHANNEL`, listed through gsi1 `CHANNEL`). Participants
 * must be registered organizations: each one is a ConditionCheck in the same transaction as the
 * Put, so a missing one is a 400 naming its position and nothing is written.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { publicView } from '../../db/items.js';
import { channelIndexKeys, keys, listQueries } from '../../db/keys.js';
import { queryIndexPage } from '../../db/pagination.js';
import {
  alreadyExists,
  conditionalPut,
  organizationExists,
  type TransactItem,
  TransactionConflict,
  transactWrite,
  withOptimisticRetry,
} from '../../db/transact.js';
import type { Deps } from '../../deps.js';
import { NotFoundError, ValidationError } from '../../errors.js';
import type { Caller } from '../../model/caller.js';
import type {
  Channel,
  CreateChannelBody,
  ListChannelsQuery,
  UpdateChannelBody,
} from '../../schemas/coordination.js';

const channelItem = (c: Channel) => ({
  ...c,
  ...keys.channel(c.id),
  entity: 'channel',
  ...channelIndexKeys(c),
});
const channelView = (item: Record<string, unknown>) => publicView<Channel>(item);

/** ConditionChecks that each organization exists (one per id, in order). */
export function organizationChecks(deps: Deps, organizationIds: readonly string[]): TransactItem[] {
  return organizationIds.map((id) => organizationExists(deps, id));
}

/** The 400 for failed organization checks placed at `offset` in a transaction. */
export function unknownOrganizations(
  failed: readonly number[],
  offset: number,
  ids: readonly string[],
  field: string,
): ValidationError | undefined {
  const missing = failed.filter((i) => i >= offset && i < offset + ids.length).map((i) => i - offset);
  if (missing.length === 0) return undefined;
  return new ValidationError(
    `Unknown organization(s): ${missing.map((i) => ids[i]).join(', ')}`,
    missing.map((i) => ({ field: `${field}.${i}`, message: `organization ${ids[i]} does not exist` })),
  );
}

async function write(deps: Deps, channel: Channel, expectedVersion: number | null): Promise<void> {
  try {
    await transactWrite(deps, [
      conditionalPut(deps, channelItem(channel), expectedVersion),
      ...organizationChecks(deps, channel.participants),
    ]);
  } catch (error) {
    if (!(error instanceof TransactionConflict)) throw error;
    const unknown = unknownOrganizations(error.failed, 1, channel.participants, 'body.participants');
    if (unknown) throw unknown;
    if (expectedVersion === null && error.failed.includes(0)) throw alreadyExists('Channel', channel.id);
    throw error;
  }
}

export async function createChannel(deps: Deps, caller: Caller, body: CreateChannelBody): Promise<Channel> {
  const { id, ...fields } = body;
  const at = deps.now().toISOString();
  const channel: Channel = {
    id: id ?? `CH-${deps.newId()}`,
    ...fields,
    version: 1,
    createdAt: at,
    createdBy: caller.subject,
    updatedAt: at,
    updatedBy: caller.subject,
  };
  await write(deps, channel, null);
  return channel;
}

export async function getChannel(deps: Deps, id: string): Promise<Channel> {
  const res = await deps.db.send(
    new GetCommand({ TableName: deps.tableName, Key: keys.channel(id), ConsistentRead: true }),
  );
  if (!res.Item) throw new NotFoundError(`Channel ${id} not found`);
  return channelView(res.Item);
}

export async function updateChannel(
  deps: Deps,
  caller: Caller,
  id: string,
  body: UpdateChannelBody,
): Promise<Channel> {
  return withOptimisticRetry(async () => {
    const current = await getChannel(deps, id);
    const next: Channel = {
      ...current,
      ...Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined)),
      version: current.version + 1,
      updatedAt: deps.now().toISOString(),
      updatedBy: caller.subject,
    };
    await write(deps, next, current.version);
    return next;
  });
}

export async function listChannels(
  deps: Deps,
  query: ListChannelsQuery,
): Promise<{ items: Channel[]; nextCursor: string | null }> {
  const page = await queryIndexPage(deps, listQueries.channels(), query);
  return { items: page.items.map(channelView), nextCursor: page.nextCursor };
}
