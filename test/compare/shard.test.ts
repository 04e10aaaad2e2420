import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { shardRange } from '../../compare/shard.ts';

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
