/**
 * Escalation policies (`shared/db/entities/escalation-policy.ts`): ONE transaction per write, the
 * policy conditioned on its `version`, with ConditionChecks of the organizations its levels name and
 * the `referencedBy` changes of its contacts (`ContactsRepository.referenceParts`).
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { TableContext } from '../context.js';
import { escalationPolicyEntity, type StoredPolicy } from '../entities/escalation-policy.js';
import { organizationExists } from '../entities/organization.js';
import { escalationKeys } from '../keys.js';
import { indexAll, queryIndexPage } from '../pagination.js';
import {
  alreadyExists,
  concurrentUpdate,
  explainParts,
  partItems,
  TransactionConflict,
  type TransactPart,
  transactWrite,
} from '../transact.js';
import { unusableContacts } from './contacts.js';
import { type OrganizationRef, unknownOrganizations } from './organizations.js';

export type { StoredPolicy } from '../entities/escalation-policy.js';

export interface PoliciesRepository {
  /** The policy (consistent), undefined when unknown. */
  get(id: string): Promise<StoredPolicy | undefined>;
  /**
   * Writes the policy (new when `expectedVersion` is null) with a check per organization and the
   * contacts' reference changes: an unknown organization or unusable contact → 400 naming its field;
   * a taken id → 409 ALREADY_EXISTS; a moved policy → 409 CONCURRENT_UPDATE.
   */
  write(
    policy: StoredPolicy,
    expectedVersion: number | null,
    organizations: readonly OrganizationRef[],
    contactRefs: TransactPart,
  ): Promise<void>;
  list(page: { limit: number; cursor?: string | undefined }): Promise<{
    items: StoredPolicy[];
    nextCursor: string | null;
  }>;
  /** Policies with `autoStart` (the sparse gsi2 partition, all pages). */
  autoStart(): Promise<StoredPolicy[]>;
}

/** A stored policy without the attribute older versions kept (`referencedContacts`). */
const fromItem = (item: Record<string, unknown>): StoredPolicy => {
  const { referencedContacts: _legacy, ...policy } = escalationPolicyEntity.fromItem(item) as StoredPolicy & {
    referencedContacts?: unknown;
  };
  return policy;
};

export function createPoliciesRepository(ctx: TableContext): PoliciesRepository {
  const { db, tableName } = ctx;
  return {
    async get(id) {
      const res = await db.send(
        new GetCommand({ TableName: tableName, Key: escalationKeys.policy(id), ConsistentRead: true }),
      );
      return res.Item ? fromItem(res.Item) : undefined;
    },

    async write(policy, expectedVersion, organizations, contactRefs) {
      try {
        await transactWrite(ctx, [
          expectedVersion === null
            ? escalationPolicyEntity.create(tableName, policy)
            : escalationPolicyEntity.replace(tableName, policy, expectedVersion),
          ...organizations.map((o) => organizationExists(tableName, o.id)),
          ...partItems([contactRefs]),
        ]);
      } catch (error) {
        if (!(error instanceof TransactionConflict)) throw error;
        const missing = organizations.filter((_, i) => error.failed.includes(1 + i));
        if (missing.length > 0) throw unknownOrganizations(missing);
        const details = explainParts([contactRefs], error.failed, 1 + organizations.length);
        if (details.length > 0) throw unusableContacts(details);
        if (expectedVersion === null && error.failed.includes(0))
          throw alreadyExists('Escalation policy', policy.id);
        throw concurrentUpdate();
      }
    },

    async list(page) {
      const res = await queryIndexPage(ctx, escalationKeys.policies(), page);
      return { items: res.items.map(fromItem), nextCursor: res.nextCursor };
    },

    async autoStart() {
      return (await indexAll(ctx, escalationKeys.autoStartPolicies())).map(fromItem);
    },
  };
}
