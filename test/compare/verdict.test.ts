/**
 * Outcome classification (compare/verdict.ts): a wall-clock stop on either side is a timeout,
 * never "same" and never "differs"; the iteration and virtual-time budgets are deterministic
 * and compared like any outcome; a wall-clock run is retried once with a larger budget.
 */
import { describe, expect, it } from 'vitest';
import type { Outcome, RunResult } from '../../ir/program.ts';
import {
  finalWallclockMs,
  judge,
  judgeUserProgram,
  retryingWallclock,
  tooSlowMessage,
  WALLCLOCK_RETRY_FACTOR,
  type SideResult,
} from '../../compare/verdict.ts';
import { DEFAULT_WALLCLOCK_MS } from '../../oracle/wallclock.ts';

const entry = (text: string, time = 0) => ({ text, time, task: null, iteration: 0 });

function run(texts: string[], outcome: Outcome = { kind: 'ok' }): RunResult {
  return { trace: texts.map((t) => entry(t)), outcome, endTime: 0, iterations: 3 };
}

const wallclock: Outcome = { kind: 'budget', limit: 'wallclock' };
const iterations: Outcome = { kind: 'budget', limit: 'iterations' };
const virtualTime: Outcome = { kind: 'budget', limit: 'time' };

describe('judge (generated programs, `check`)', () => {
  it('a wall-clock stop on either side, or both, is a timeout', () => {
    expect(judge(run(['a\n'], wallclock), run(['a\n'])).verdict).toBe('timeout');
    expect(judge(run(['a\n']), run(['a\n'], wallclock)).verdict).toBe('timeout');
    expect(judge(run(['a\n'], wallclock), run(['a\n'], wallclock)).verdict).toBe('timeout');
    // A print lost at the limit is not a difference.
    expect(judge(run(['a\n', 'b\n']), run(['a\n'], wallclock)).verdict).toBe('timeout');
  });

  it('the iteration and virtual-time budgets are compared: same when both stop alike, differs otherwise', () => {
    expect(judge(run(['a\n'], iterations), run(['a\n'], iterations)).verdict).toBe('same');
    expect(judge(run(['a\n'], virtualTime), run(['a\n'], virtualTime)).verdict).toBe('same');
    expect(judge(run(['a\n'], iterations), run(['a\n'])).verdict).toBe('differs');
    expect(judge(run(['a\n'], iterations), run(['a\n'], virtualTime)).verdict).toBe('differs');
    expect(judge(run(['a\n'], iterations), run(['b\n'], iterations)).verdict).toBe('differs');
  });

  it('crashes and rejections keep their kinds', () => {
    expect(judge({ failure: 'x', rejected: true }, run([])).verdict).toBe('generatorBug');
    expect(judge({ failure: 'x' }, run([])).verdict).toBe('oracleCrash');
    expect(judge(run([], { kind: 'crash', message: 'segfault' }), run([])).verdict).toBe('oracleCrash');
    expect(judge(run([]), { failure: 'RangeError' }).verdict).toBe('portCrash');
    expect(judge(run([], { kind: 'deadlock' }), run([], { kind: 'deadlock' })).verdict).toBe('generatorBug');
  });

  it('an exception the generator raises on purpose (ValueError, RuntimeError) is compared; any other is a generator bug', () => {
    const raised = (type: string, message = 'main:3') => run([], { kind: 'exception', type, message });
    expect(judge(raised('ValueError'), raised('ValueError')).verdict).toBe('same');
    expect(judge(raised('RuntimeError'), raised('RuntimeError', 'main:4')).verdict).toBe('differs');
    expect(judge(raised('ValueError'), run([])).verdict).toBe('differs');
    expect(judge(raised('NameError'), raised('NameError')).verdict).toBe('generatorBug');
  });
});

describe('judgeUserProgram (`compare`)', () => {
  it('a wall-clock stop on either side is a timeout, never agreement', () => {
    expect(judgeUserProgram(run([], wallclock), run([], wallclock)).verdict).toBe('timeout');
    expect(judgeUserProgram(run(['a\n']), run([], wallclock)).verdict).toBe('timeout');
    expect(judgeUserProgram(run([], wallclock), { failure: 'boom' }).verdict).toBe('timeout');
  });

  it('any other outcome a user program ends with is compared', () => {
    const raised: Outcome = { kind: 'exception', type: 'ValueError', message: 'x' };
    expect(judgeUserProgram(run(['a\n'], raised), run(['a\n'], raised)).verdict).toBe('same');
    expect(judgeUserProgram(run([], { kind: 'deadlock' }), run([], { kind: 'deadlock' })).verdict).toBe('same');
    expect(judgeUserProgram(run(['a\n'], raised), run(['a\n'])).verdict).toBe('differs');
    expect(judgeUserProgram(run(['a\n'], iterations), run(['a\n'], iterations)).verdict).toBe('same');
    expect(judgeUserProgram(run([]), { failure: 'RangeError' }).verdict).toBe('portCrash');
  });
});

describe('retryingWallclock', () => {
  it('retries a wall-clock stop once, with WALLCLOCK_RETRY_FACTOR times the budget, and reports the second answer', async () => {
    const budgets: number[] = [];
    const result = await retryingWallclock(500, async (ms): Promise<SideResult> => {
      budgets.push(ms);
      return budgets.length === 1 ? run(['partial\n'], wallclock) : run(['partial\n', 'whole\n']);
    });
    expect(budgets).toEqual([500, 500 * WALLCLOCK_RETRY_FACTOR]);
    expect(result).toEqual(run(['partial\n', 'whole\n']));
  });

  it('stops after the one retry, and never retries any other outcome', async () => {
    const budgets: number[] = [];
    const stillSlow = await retryingWallclock(100, async (ms): Promise<SideResult> => (budgets.push(ms), run([], wallclock)));
    expect(budgets).toEqual([100, finalWallclockMs(100)]);
    expect(stillSlow).toEqual(run([], wallclock));
    for (const other of [run([]), run([], iterations), run([], virtualTime), { failure: 'x' }] as SideResult[]) {
      let calls = 0;
      await retryingWallclock(100, async () => (calls++, other));
      expect(calls).toBe(1);
    }
  });

  it('the report names the machine and the budget, not the program; the default budget is 5 s, retried at 20 s', () => {
    // compare/verdict-timeout.e2e.test.ts sets small limits: the default one is asserted here.
    expect(DEFAULT_WALLCLOCK_MS).toBe(5000);
    const message = tooSlowMessage(finalWallclockMs(DEFAULT_WALLCLOCK_MS), 'the port side');
    expect(message).toContain('the machine was too slow to finish this program within 20 s on the port side');
    expect(message).toContain("says nothing about the program's behaviour");
  });
});
