/**
 * Shared playbooks (`shared/db/entities/playbook.ts`): head and version n written in ONE
 * transaction, conditioned on the version read, with a ConditionCheck per participating organization.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Playbook } from '../../schemas/coordination.js';
import type { TableContext } from '../context.js';
import { organizationExists } from '../entities/organization.js';
import { playbookEntity, playbookVersionEntity } from '../entities/playbook.js';
import { keys, listQueries } from '../keys.js';
import { queryIndexPage } from '../pagination.js';
import {
  alreadyExists,
  concurrentUpdate,
  TransactionConflict,
  TransactPart,
  transactWrite,
} from '../transact.js';
import { unknownOrganizations } from './organizations.js';

export interface PlaybooksRepository {
  /** The head, or one version (consistent); undefined when unknown. */
  get(id: string, version?: number): Promise<Playbook | undefined>;
  /**
   * Writes head and version `playbook.version` (the head new when `expectedVersion` is null) with a
   * check per participating organization: an unknown one → 400 naming
   * `body.participatingOrganizations.N`; a taken id → 409 ALREADY_EXISTS; a moved head → 409
   * CONCURRENT_UPDATE.
   */
  write(playbook: Playbook, expectedVersion: number | null): Promise<void>;
  /**
   * Head and version `playbook.version` (an edit of the head read at `expectedVersion`) as a part of
   * another aggregate's transaction (an exercise finding raised as a response action); a moved head
   * fails it (no detail: the caller reads again). Organizations are not checked again: the edit
   * keeps the participating organizations of the version read.
   */
  editPart(playbook: Playbook, expectedVersion: number): TransactPart;
  list(page: { limit: number; cursor?: string | undefined }): Promise<{
    items: Playbook[];
    nextCursor: string | null;
  }>;
}

export function createPlaybooksRepository(ctx: TableContext): PlaybooksRepository {
  const { db, tableName } = ctx;
  return {
    async get(id, version) {
      const res = await db.send(
        new GetCommand({
          TableName: tableName,
          Key: version === undefined ? keys.playbook(id) : keys.playbookVersion(id, version),
          ConsistentRead: true,
        }),
      );
      if (!res.Item) return undefined;
      return version === undefined
        ? playbookEntity.fromItem(res.Item)
        : playbookVersionEntity.fromItem(res.Item);
    },

    async write(playbook, expectedVersion) {
      const orgs = playbook.participatingOrganizations.map((id, i) => ({
        id,
        field: `body.participatingOrganizations.${i}`,
      }));
      try {
        await transactWrite(ctx, [
          expectedVersion === null
            ? playbookEntity.create(tableName, playbook)
            : playbookEntity.replace(tableName, playbook, expectedVersion),
          playbookVersionEntity.create(tableName, playbook),
          ...orgs.map((o) => organizationExists(tableName, o.id)),
        ]);
      } catch (error) {
        if (!(error instanceof TransactionConflict)) throw error;
        const missing = orgs.filter((_, i) => error.failed.includes(2 + i));
        if (missing.length > 0) throw unknownOrganizations(missing);
        if (expectedVersion === null && error.failed.includes(0))
          throw alreadyExists('Playbook', playbook.id);
        throw concurrentUpdate();
      }
    },

    editPart: (playbook, expectedVersion) =>
      new TransactPart([
        playbookEntity.replace(tableName, playbook, expectedVersion),
        playbookVersionEntity.create(tableName, playbook),
      ]),

    async list(page) {
      const res = await queryIndexPage(ctx, listQueries.playbooks(), page);
      return { items: res.items.map((i) => playbookEntity.fromItem(i)), nextCursor: res.nextCursor };
    },
  };
}
