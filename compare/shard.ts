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

/**
 * Why this shard of `runs` programs would run nothing (undefined when it runs some): every
 * shard of a run takes at least one program, so `--runs` must be at least the shard count.
 */
export function emptyShardReason(runs: number, shard: Shard): string | undefined {
  const { start, end } = shardRange(runs, shard);
  if (end > start) return undefined;
  return `shard ${shard.index}/${shard.count} of ${runs} program${runs === 1 ? '' : 's'} is empty: give --runs ${shard.count} or more, or fewer shards`;
}
