/**
 * The fixed set of outcome kinds of one differential run, counted apart (as Csmith and
 * YARPGen do). A timeout is never counted as a difference; a generated program that CPython
 * itself rejects is a generator bug, not a port bug.
 */
import type { RunResult } from '../ir/program.ts';
import { compareRuns, type Comparison, type CompareOptions } from './traces.ts';

export const VERDICTS = ['same', 'differs', 'oracleCrash', 'portCrash', 'timeout', 'generatorBug'] as const;
export type Verdict = (typeof VERDICTS)[number];

/** A side that threw instead of returning a RunResult. */
export interface SideFailure {
  failure: string;
  /** The oracle rejected the source (e.g. a syntax error): the generator's fault. */
  rejected?: boolean;
}

export type SideResult = RunResult | SideFailure;

export function isFailure(result: SideResult): result is SideFailure {
  return 'failure' in result;
}

export interface Judgement {
  verdict: Verdict;
  comparison?: Comparison;
}

/** Judge a generated program: CPython must finish it cleanly, then both traces must agree. */
export function judge(expected: SideResult, actual: SideResult, options: CompareOptions = {}): Judgement {
  if (isFailure(expected)) return { verdict: expected.rejected ? 'generatorBug' : 'oracleCrash' };
  if (expected.outcome.kind === 'crash') return { verdict: 'oracleCrash' };
  if (expected.outcome.kind === 'budget') return { verdict: 'timeout' };
  if (expected.outcome.kind !== 'ok') return { verdict: 'generatorBug' };
  if (isFailure(actual)) return { verdict: 'portCrash' };
  const comparison = compareRuns(expected, actual, options);
  return { verdict: comparison.same ? 'same' : 'differs', comparison };
}

export function emptyCounts(): Record<Verdict, number> {
  return { same: 0, differs: 0, oracleCrash: 0, portCrash: 0, timeout: 0, generatorBug: 0 };
}
