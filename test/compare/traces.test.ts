import { describe, expect, it } from 'vitest';
import type { RunResult } from '../../ir/program.ts';
import { compareRuns, maskAddresses, sameText } from '../../compare/traces.ts';

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

describe('object addresses are masked, nothing else', () => {
  it('two addresses of a coroutine repr compare equal, in prints and in exception messages', () => {
    expect(sameText('<coroutine object main at 0x7f3125eac930>\n', '<coroutine object main at 0x7f0000001000>\n')).toBe(true);
    const run = (text: string, message: string): RunResult => ({
      trace: [{ text, time: 0, task: null, iteration: 0 }],
      outcome: { kind: 'exception', type: 'TypeError', message },
      endTime: 0,
      iterations: 0,
    });
    const a = run('<function f at 0x7f1>\n', "can't await <coroutine object f at 0x7fa>");
    const b = run('<function f at 0x7f2>\n', "can't await <coroutine object f at 0x7fb>");
    expect(compareRuns(a, b).same).toBe(true);
  });

  it('the rest of the text still counts: another name, another line, a hex literal without " at "', () => {
    expect(sameText('<coroutine object main at 0x7f1>', '<coroutine object mian at 0x7f1>')).toBe(false);
    expect(sameText('running at prog.py:5 at 0x1', 'running at prog.py:6 at 0x1')).toBe(false);
    expect(sameText('0x10', '0x11')).toBe(false);
    expect(maskAddresses('<function f at 0xdeadbeef> at 0x1')).toBe('<function f at 0x\u2026> at 0x\u2026');
  });
});
