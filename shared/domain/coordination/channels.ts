/**
 * Coordination channels (`deps.repos.channels`, shared/db/repos/channels.ts). Participants must be
 * registered organizations: the repository checks each in the same transaction as the write, so a
 * missing one is a 400 naming its position and nothing is written.
 */
import { NotFoundError, ValidationError } from '../../errors.js';
import type { Caller } from '../../model/caller.js';
import type {
  Channel,
  CreateChannelBody,
  ListChannelsQuery,
  UpdateChannelBody,
} from '../../schemas/coordination.js';
import type { Deps } from '../deps.js';
import { withOptimisticRetry } from '../retry.js';

/** The 400 for failed organization checks placed at `offset` in a transaction (one `organizationExists` per id, in order). */
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
  await deps.repos.channels.write(channel, null);
  return channel;
}

export async function getChannel(deps: Deps, id: string): Promise<Channel> {
  const channel = await deps.repos.channels.get(id);
  if (!channel) throw new NotFoundError(`Channel ${id} not found`);
  return channel;
}

export function updateChannel(
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
    await deps.repos.channels.write(next, current.version);
    return next;
  });
}

export async function listChannels(
  deps: Deps,
  query: ListChannelsQuery,
): Promise<{ items: Channel[]; nextCursor: string | null }> {
  return deps.repos.channels.list(query);
}
