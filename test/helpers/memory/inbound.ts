/** In-memory InboundRepository: messages by id; parts are plain Puts (the memory incidents apply them). */
import type { StoredInboundEmail } from '../../../shared/db/entities/inbound-email.js';
import type { InboundRepository } from '../../../shared/db/repos/inbound.js';
import { ConflictError } from '../../../shared/errors.js';

export interface MemoryInbound extends InboundRepository {
  readonly items: Map<string, StoredInboundEmail>;
}

export function memoryInbound(): MemoryInbound {
  const items = new Map<string, StoredInboundEmail>();
  return {
    items,
    async get(id) {
      return items.get(id);
    },
    async create(email) {
      if (items.has(email.id)) return 'exists';
      items.set(email.id, email);
      return 'created';
    },
    async replace(email, expectedVersion) {
      if (items.get(email.id)?.version !== expectedVersion) {
        throw new ConflictError(`Inbound e-mail ${email.id} was changed`, [], 'CONCURRENT_UPDATE');
      }
      items.set(email.id, email);
    },
    createPart: (email) => ({
      Put: { TableName: 'memory', Item: { ...email }, ConditionExpression: 'attribute_not_exists(pk)' },
    }),
    replacePart: (email, expectedVersion) => ({
      Put: {
        TableName: 'memory',
        Item: { ...email },
        ConditionExpression: 'version = :v',
        ExpressionAttributeValues: { ':v': expectedVersion },
      },
    }),
    async listQuarantined(page) {
      const all = [...items.values()]
        .filter((m) => m.status === 'quarantined')
        .sort((a, b) => `${a.receivedAt}#${a.id}`.localeCompare(`${b.receivedAt}#${b.id}`));
      const start = page.cursor ? Number(page.cursor) : 0;
      const slice = all.slice(start, start + page.limit);
      const next = start + page.limit < all.length ? String(start + page.limit) : null;
      return { items: slice, nextCursor: next };
    },
  };
}
