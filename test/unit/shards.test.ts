import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { inShard, SHARDS } from '../reliability/shards.js';

describe('reliability shards', () => {
  it('cover every item exactly once, balanced', () => {
    const items = Array.from({ length: 83 }, (_, i) => i);
    const parts = [1, 2, 3].map((index) => inShard(items, { index, count: 3 }));
    expect(parts.flat().sort((x, y) => x - y)).toEqual(items);
    expect(parts.map((p) => p.length)).toEqual([28, 28, 27]);
  });

  it('refuses a shard that does not exist', () => {
    expect(() => inShard([1], { index: 0, count: 2 })).toThrow(/does not exist/);
    expect(() => inShard([1], { index: 3, count: 2 })).toThrow(/does not exist/);
  });

  it('has one test file per shard of each suite, so no route is left out', () => {
    const files = readdirSync(new URL('../reliability/', import.meta.url));
    for (const [suite, count] of Object.entries(SHARDS)) {
      const shardFiles = files.filter((f) => new RegExp(`^${suite}-\\d+\\.test\\.ts$`).test(f)).sort();
      expect(shardFiles).toEqual(Array.from({ length: count }, (_, i) => `${suite}-${i + 1}.test.ts`));
    }
  });
});
