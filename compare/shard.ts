/** Sharding: `check --shard i/n` runs a disjoint slice of the same seeded program stream. */
export interface Shard {
  /** 1-based */
  index: number;
  count: number;
}

/** The slice of the run indices [0, runs) that shard i of n takes: contiguous, disjoint, covering, sizes within one. */
export function shardRange(runs: number, shard?: Shard): { start: number; end: number } {
  if (!shard) return { start: 0, end: runs };
  const size = Math.floor(runs / shard.count);
  const extra = runs % shard.count;
  const start = (shard.index - 1) * size + Math.min(shard.index - 1, extra);
  return { start, end: start + size + (shard.index <= extra ? 1 : 0) };
}
