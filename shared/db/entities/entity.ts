/**
 * The entity layer (docs/architecture.md): each stored item type has ONE owner,
 * `shared/db/entities/<type>.ts`, built with {@link defineEntity}. The owner knows the item's key
 * and index keys (composed with the builders of `shared/db/keys.ts`, the one key module), its
 * `entity` tag, its stored type, how it becomes an item and back, and its versioned writes.
 * Repositories (`shared/db/repos/`) compose entities into the reads and transactions of one
 * aggregate; the domain sees repository interfaces only (`shared/db/repositories.ts`).
 */
import { INTERNAL_ATTRIBUTES, type Key } from '../keys.js';
import type { TransactItem } from '../transact.js';

export type Item = Record<string, unknown>;

export interface EntitySpec<T> {
  /** The `entity` attribute every item of this type carries. */
  readonly entity: string;
  /** The primary key of a stored value. */
  readonly keyOf: (value: T) => Key;
  /** Index key attributes (`gsi1pk` …) derived from the value; absent or `{}` for none. */
  readonly indexKeysOf?: (value: T) => Readonly<Record<string, string>>;
}

export interface Entity<T> {
  readonly entity: string;
  keyOf(value: T): Key;
  /** The stored item: the value, then its keys, tag and index keys (computed keys win over stale ones). */
  toItem(value: T): Item;
  /** The stored value of an item read from the table (key, index and tag attributes dropped). */
  fromItem(item: Item): T;
  /** A Put that creates the item (fails when its key exists). */
  create(tableName: string, value: T): TransactItem;
  /** A Put that replaces the item read at `expectedVersion` (fails when another writer moved it). */
  replace(tableName: string, value: T, expectedVersion: number): TransactItem;
  /** A Put without condition (items whose writer is the only one, e.g. a run marker). */
  put(tableName: string, value: T): TransactItem;
}

const DROPPED: ReadonlySet<string> = new Set([...INTERNAL_ATTRIBUTES, 'entity']);

export function defineEntity<T extends object>(spec: EntitySpec<T>): Entity<T> {
  const toItem = (value: T): Item => ({
    ...value,
    ...spec.keyOf(value),
    entity: spec.entity,
    ...(spec.indexKeysOf?.(value) ?? {}),
  });
  return {
    entity: spec.entity,
    keyOf: spec.keyOf,
    toItem,
    fromItem(item: Item): T {
      const out: Item = {};
      for (const [k, v] of Object.entries(item)) if (!DROPPED.has(k)) out[k] = v;
      return out as T;
    },
    create: (tableName, value) => ({
      Put: { TableName: tableName, Item: toItem(value), ConditionExpression: 'attribute_not_exists(pk)' },
    }),
    replace: (tableName, value, expectedVersion) => ({
      Put: {
        TableName: tableName,
        Item: toItem(value),
        ConditionExpression: 'version = :v',
        ExpressionAttributeValues: { ':v': expectedVersion },
      },
    }),
    put: (tableName, value) => ({ Put: { TableName: tableName, Item: toItem(value) } }),
  };
}
