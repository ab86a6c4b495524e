/** In-memory OutboxRepository: items by id, communications' delivery by `incidentId#commSeq`. */
import type { OutboxItem } from '../../../shared/db/entities/outbox.js';
import type { OutboxRepository } from '../../../shared/db/repos/outbox.js';
import { ConflictError } from '../../../shared/errors.js';

export interface MemoryOutbox extends OutboxRepository {
  readonly items: Map<string, OutboxItem>;
  /** `delivery.organizations` statuses per communication (`incidentId#commSeq`). */
  readonly deliveries: Map<
    string,
    { status: string; organizations: { status: string; attempts?: number }[] }
  >;
  /** Writes the created items as a committed transaction would (tests call it with `createParts`). */
  commit(items: readonly OutboxItem[]): void;
}

export function memoryOutbox(): MemoryOutbox {
  const items = new Map<string, OutboxItem>();
  const deliveries: MemoryOutbox['deliveries'] = new Map();
  return {
    items,
    deliveries,
    createParts: (created) =>
      created.map((o) => ({
        Put: { TableName: 'memory', Item: { ...o }, ConditionExpression: 'attribute_not_exists(pk)' },
      })),
    commit(created) {
      for (const o of created) {
        if (items.has(o.id)) throw new ConflictError(`Outbox item ${o.id} exists`);
        items.set(o.id, o);
      }
    },
    async recordAttempt(item, a) {
      const cur = items.get(item.id);
      if (cur?.status !== 'pending' || cur.attemptCount !== item.attemptCount) {
        throw new ConflictError(
          `Outbox item ${item.id} was changed by another writer`,
          [],
          'CONCURRENT_UPDATE',
        );
      }
      const attempt = { at: a.at, ok: a.ok, ...(a.error ? { error: a.error } : {}) };
      const { message, ...rest } = cur;
      items.set(item.id, {
        ...rest,
        message: a.status !== 'pending' && cur.sensitive ? (undefined as never) : message,
        attempts: [...cur.attempts, attempt],
        attemptCount: a.attemptCount,
        status: a.status,
        nextAttemptAt: a.status === 'pending' ? a.nextAttemptAt : cur.nextAttemptAt,
      });
    },
    async recordOnCommunication(item, status, attempts) {
      if (item.incidentId === undefined || item.commSeq === undefined || item.index === undefined) return;
      const key = `${item.incidentId}#${item.commSeq}`;
      const d = deliveries.get(key) ?? { status: 'pending', organizations: [] };
      d.organizations[item.index] = { status, attempts };
      if (!d.organizations.some((o) => o?.status === 'pending')) {
        d.status = d.organizations.some((o) => o?.status === 'failed') ? 'failed' : 'sent';
      }
      deliveries.set(key, d);
    },
    async claim(item, until) {
      const cur = items.get(item.id);
      if (
        cur?.status !== 'pending' ||
        cur.attemptCount !== item.attemptCount ||
        cur.nextAttemptAt !== item.nextAttemptAt
      ) {
        return false;
      }
      items.set(item.id, { ...cur, nextAttemptAt: until });
      return true;
    },
    async due(now, limit) {
      return [...items.values()]
        .filter((o) => o.status === 'pending' && o.nextAttemptAt <= now.toISOString())
        .sort((a, b) => `${a.nextAttemptAt}#${a.id}`.localeCompare(`${b.nextAttemptAt}#${b.id}`))
        .slice(0, limit);
    },
    async pendingCreatedAts(maxPages, pageSize) {
      return [...items.values()]
        .filter((o) => o.status === 'pending')
        .slice(0, maxPages * pageSize)
        .map((o) => o.createdAt);
    },
  };
}
