import { describe, expect, it } from 'vitest';
import type { RunResult } from '../../ir/program.ts';
import { compareRuns } from '../../compare/traces.ts';

const run = (entries: Array<[string, number]>, outcome: RunResult['outcome'] = { kind: 'ok' }): RunResult => ({
  trace: entries.map(([text, time]) => ({ text, time, task: null, iteration: 0 })),
  outcome,
  endTime: 0,
  iterations: 0,
});

describe('compareRuns', () => {
  it('agrees on the same text at the same time', () => {
    expect(compareRuns(run([['a\n', 0.1]]), run([['a\n', 0.1]])).same).toBe(true);
  });

  it('compares times to the bit', () => {
    const c = compareRuns(run([['a\n', 0.1 + 0.2]]), run([['a\n', 0.3]]));
    expect(c).toMatchObject({ same: false, divergence: 0 });
    expect(compareRuns(run([['a\n', 0.1 + 0.2]]), run([['a\n', 0.3]]), { times: false }).same).toBe(true);
  });

  it('marks the first differing entry, and a prefix at its end', () => {
    expect(compareRuns(run([['a\n', 0], ['b\n', 0]]), run([['a\n', 0], ['c\n', 0]])).divergence).toBe(1);
    expect(compareRuns(run([['a\n', 0]]), run([['a\n', 0], ['c\n', 0]])).divergence).toBe(1);
  });

  it('tells an outcome-only difference apart', () => {
    const c = compareRuns(run([]), run([], { kind: 'exception', type: 'ValueError', message: 'x' }));
    expect(c).toMatchObject({ same: false, outcomeOnly: true });
  });
});
