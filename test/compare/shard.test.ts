import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emptyShardReason, shardRange } from '../../compare/shard.ts';

describe('shardRange', () => {
  it('splits [0, runs) into disjoint, contiguous slices that cover it (seed 42)', () => {
    fc.assert(
      fc.property(fc.nat(5000), fc.integer({ min: 1, max: 17 }), (runs, count) => {
        const slices = Array.from({ length: count }, (_, i) => shardRange(runs, { index: i + 1, count }));
        expect(slices[0].start).toBe(0);
        expect(slices.at(-1)!.end).toBe(runs);
        for (let i = 1; i < count; i++) expect(slices[i].start).toBe(slices[i - 1].end);
        const sizes = slices.map((s) => s.end - s.start);
        expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
      }),
      { seed: 42 },
    );
  });

  it('without a shard, takes everything', () => {
    expect(shardRange(300)).toEqual({ start: 0, end: 300 });
  });
});

describe('emptyShardReason', () => {
  it('says why a shard of fewer runs than shards is empty', () => {
    expect(emptyShardReason(2, { index: 3, count: 4 })).toBe('shard 3/4 of 2 programs is empty: give --runs 4 or more, or fewer shards');
    expect(emptyShardReason(1, { index: 2, count: 2 })).toBe('shard 2/2 of 1 program is empty: give --runs 2 or more, or fewer shards');
  });

  it('is undefined exactly when the shard takes at least one run (seed 42)', () => {
    fc.assert(
      fc.property(fc.nat(50), fc.integer({ min: 1, max: 17 }), fc.nat(16), (runs, count, k) => {
        const shard = { index: (k % count) + 1, count };
        const { start, end } = shardRange(runs, shard);
        expect(emptyShardReason(runs, shard) === undefined).toBe(end > start);
      }),
      { seed: 42 },
    );
  });

  it('is undefined for every shard when runs >= shards (random seed)', () => {
    const seed = (Math.random() * 2 ** 31) | 0;
    console.log(`emptyShardReason seed: ${seed}`);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 17 }), fc.nat(1000), (count, extra) => {
        for (let index = 1; index <= count; index++) expect(emptyShardReason(count + extra, { index, count })).toBeUndefined();
      }),
      { seed },
    );
  });
});
