/** In-memory AckTokensRepository: tokens by hash; `usePart` parts applied by `apply`. */
import type { AckTokenItem } from '../../../shared/db/entities/ack-token.js';
import type { AckTokensRepository } from '../../../shared/db/repos/ack-tokens.js';
import type { TransactItemPart } from '../../../shared/db/transact.js';
import { ConflictError } from '../../../shared/errors.js';

export interface MemoryAckTokens extends AckTokensRepository {
  readonly tokens: Map<string, AckTokenItem>;
  /** The parts `create` committed with each token, by hash. */
  readonly committedWith: Map<string, readonly TransactItemPart[]>;
  apply(parts: readonly TransactItemPart[]): void;
}

export function memoryAckTokens(): MemoryAckTokens {
  const tokens = new Map<string, AckTokenItem>();
  const committedWith = new Map<string, readonly TransactItemPart[]>();
  const uses = new WeakMap<object, { hash: string; at: string }>();
  return {
    tokens,
    committedWith,
    apply(parts) {
      for (const p of parts) {
        const use = uses.get(p);
        if (!use) continue;
        const t = tokens.get(use.hash);
        if (!t || t.usedAt) throw new ConflictError('condition failed');
        tokens.set(use.hash, { ...t, usedAt: use.at });
      }
    },
    async create(token, withParts) {
      if (tokens.has(token.hash)) throw new ConflictError('The acknowledgement link could not be stored');
      tokens.set(token.hash, token);
      committedWith.set(token.hash, withParts);
    },
    async get(hash) {
      return tokens.get(hash);
    },
    usePart(hash, at) {
      const part: TransactItemPart = {
        Update: {
          TableName: 'memory',
          Key: { pk: `ACKTOKEN#${hash}`, sk: '#TOKEN' },
          UpdateExpression: 'SET usedAt = :at',
        },
      };
      uses.set(part, { hash, at });
      return part;
    },
  };
}
