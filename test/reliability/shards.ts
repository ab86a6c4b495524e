/**
 * The slow reliability suites (authorization matrix, fuzzing) run every route; each is split into
 * shard files (`authorization-1.test.ts` …) so vitest runs the shards in parallel workers, each
 * against its own local stack and table (a smaller table also makes the before/after Scan of a
 * refused request cheaper). Round-robin keeps the shards balanced as routes are added; together
 * the shards cover every route exactly once (`shards.test.ts` in test/unit checks it).
 */
export interface Shard {
  /** 1-based. */
  readonly index: number;
  readonly count: number;
}

export function inShard<T>(items: readonly T[], shard: Shard): T[] {
  if (!Number.isInteger(shard.index) || shard.index < 1 || shard.index > shard.count)
    throw new Error(`shard ${shard.index} of ${shard.count} does not exist`);
  return items.filter((_, i) => i % shard.count === shard.index - 1);
}

export const shardName = (suite: string, shard: Shard): string =>
  shard.count === 1 ? suite : `${suite}-${shard.index}`;

/** How many shard files each suite has (the test files must match: test/unit/shards.test.ts). */
export const SHARDS = { authorization: 3, fuzz: 2 } as const;
