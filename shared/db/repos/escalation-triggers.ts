/**
 * Escalation triggers (`shared/db/entities/escalation-trigger.ts`): ONE transaction per write, the
 * trigger conditioned on its `version`, with ConditionChecks of the policy it starts and the
 * organizations it notifies, and the `referencedBy` changes of the contacts it notifies.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { type ErrorDetail, ValidationError } from '../../errors.js';
import type { TableContext } from '../context.js';
import { policyExists } from '../entities/escalation-policy.js';
import { escalationTriggerEntity, type StoredTrigger } from '../entities/escalation-trigger.js';
import { organizationExists } from '../entities/organization.js';
import { escalationKeys } from '../keys.js';
import { indexAll, queryIndexPage } from '../pagination.js';
import {
  alreadyExists,
  concurrentUpdate,
  explainParts,
  partItems,
  type TransactItem,
  TransactionConflict,
  type TransactPart,
  transactWrite,
} from '../transact.js';

export type { StoredTrigger } from '../entities/escalation-trigger.js';

export interface TriggersRepository {
  /** The trigger (consistent), undefined when unknown. */
  get(id: string): Promise<StoredTrigger | undefined>;
  /**
   * Writes the trigger (new when `expectedVersion` is null) with checks of its `startChain` policy
   * and `notify.organizations`, and the contacts' reference changes: every unknown reference → one
   * 400 `Unknown references` naming the fields; a taken id → 409 ALREADY_EXISTS; a moved trigger →
   * 409 CONCURRENT_UPDATE.
   */
  write(trigger: StoredTrigger, expectedVersion: number | null, contactRefs: TransactPart): Promise<void>;
  list(page: { limit: number; cursor?: string | undefined }): Promise<{
    items: StoredTrigger[];
    nextCursor: string | null;
  }>;
  /** Every trigger (all pages of the gsi1 partition; the domain caches it, escalation/cache.ts). */
  all(): Promise<StoredTrigger[]>;
}

export function createTriggersRepository(ctx: TableContext): TriggersRepository {
  const { db, tableName } = ctx;
  const fromItem = (i: Record<string, unknown>) => escalationTriggerEntity.fromItem(i);
  return {
    async get(id) {
      const res = await db.send(
        new GetCommand({ TableName: tableName, Key: escalationKeys.trigger(id), ConsistentRead: true }),
      );
      return res.Item ? fromItem(res.Item) : undefined;
    },

    async write(t, expectedVersion, contactRefs) {
      const checks: { item: TransactItem; field: string; id: string }[] = [
        ...(t.startChain
          ? [{ item: policyExists(tableName, t.startChain), field: 'body.startChain', id: t.startChain }]
          : []),
        ...(t.notify.organizations ?? []).map((id, i) => ({
          item: organizationExists(tableName, id),
          field: `body.notify.organizations.${i}`,
          id,
        })),
      ];
      try {
        await transactWrite(ctx, [
          expectedVersion === null
            ? escalationTriggerEntity.create(tableName, t)
            : escalationTriggerEntity.replace(tableName, t, expectedVersion),
          ...checks.map((c) => c.item),
          ...partItems([contactRefs]),
        ]);
      } catch (error) {
        if (!(error instanceof TransactionConflict)) throw error;
        const details: ErrorDetail[] = [
          ...checks.flatMap((c, i) =>
            error.failed.includes(1 + i) ? [{ field: c.field, message: `${c.id} does not exist` }] : [],
          ),
          ...explainParts([contactRefs], error.failed, 1 + checks.length),
        ];
        if (details.length > 0) throw new ValidationError('Unknown references', details);
        if (expectedVersion === null && error.failed.includes(0))
          throw alreadyExists('Escalation trigger', t.id);
        throw concurrentUpdate();
      }
    },

    async list(page) {
      const res = await queryIndexPage(ctx, escalationKeys.triggers(), page);
      return { items: res.items.map(fromItem), nextCursor: res.nextCursor };
    },

    async all() {
      return (await indexAll(ctx, escalationKeys.triggers())).map(fromItem);
    },
  };
}
