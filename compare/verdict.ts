/**
 * The fixed set of outcome kinds of one differential run, counted apart (as Csmith and
 * YARPGen do). A timeout is never counted as a difference; a generated program that CPython
 * itself rejects is a generator bug, not a port bug.
 *
 * Budgets: the iteration and virtual-time budgets are part of the program's deterministic
 * behaviour (both sides stop at the same iteration), so a run that hits one is compared like
 * any other. The wall-clock budget measures the machine, not the program: a wall-clock stop
 * on either side is a `timeout`, never "same" and never "differs", and it is reported as the
 * machine being too slow (after one retry with a larger budget, compare/sides.ts and
 * compare/isolated.ts).
 */
import type { Outcome, RunResult } from '../ir/program.ts';
import { capMessage } from './capped-text.ts';
import { compareRuns, type Comparison, type CompareOptions } from './traces.ts';

export const VERDICTS = ['same', 'differs', 'oracleCrash', 'portCrash', 'timeout', 'generatorBug'] as const;
export type Verdict = (typeof VERDICTS)[number];

/** What a side wrote besides its trace (its stderr, capped with a note of how much was cut). */
export interface SideOutput {
  stderr?: string;
}

/** A side that threw instead of returning a RunResult. */
export interface SideFailure extends SideOutput {
  failure: string;
  /** The oracle rejected the source (e.g. a syntax error): the generator's fault. */
  rejected?: boolean;
}

export type SideResult = (RunResult & SideOutput) | SideFailure;

/** A side's throw as its result: one bad program never loses the others. */
export function sideFailure(error: unknown): SideFailure {
  // Capped: a V8 error's message can hold whole lines of source.
  return { failure: capMessage(error instanceof Error ? `${error.name}: ${error.message}` : String(error)) };
}

export function isFailure(result: SideResult): result is SideFailure {
  return 'failure' in result;
}

/** A run stopped by the wall clock: the machine was too slow; says nothing about the program. */
export function isWallclock(result: SideResult): boolean {
  return !isFailure(result) && result.outcome.kind === 'budget' && result.outcome.limit === 'wallclock';
}

/** A wall-clock run is retried once with this many times the budget before it is reported. */
export const WALLCLOCK_RETRY_FACTOR = 4;

/** The budget of the last attempt, when the first one was `wallclockMs`. */
export function finalWallclockMs(wallclockMs: number): number {
  return wallclockMs * WALLCLOCK_RETRY_FACTOR;
}

/**
 * Runs `attempt` with `wallclockMs`; a wall-clock stop is retried once with
 * WALLCLOCK_RETRY_FACTOR times the budget (a busy machine, not the program, is the usual
 * cause). Only the second answer counts.
 */
export async function retryingWallclock<T extends SideResult>(wallclockMs: number, attempt: (wallclockMs: number) => Promise<T>): Promise<T> {
  const first = await attempt(wallclockMs);
  if (!isWallclock(first) || wallclockMs <= 0) return first;
  return attempt(finalWallclockMs(wallclockMs));
}

/** How `run` and `compare` report a wall-clock stop. */
export function tooSlowMessage(wallclockMs: number, side: string): string {
  return `the machine was too slow to finish this program within ${wallclockMs / 1000} s on ${side} (wall clock, after a retry); this says nothing about the program's behaviour: run it again on a quieter machine`;
}

export interface Judgement {
  verdict: Verdict;
  comparison?: Comparison;
}

/** Judge a generated program: CPython must finish it (or stop at a deterministic budget), then both runs must agree. */
export function judge(expected: SideResult, actual: SideResult, options: CompareOptions = {}): Judgement {
  if (isFailure(expected)) return { verdict: expected.rejected ? 'generatorBug' : 'oracleCrash' };
  if (isWallclock(expected) || isWallclock(actual)) return { verdict: 'timeout' };
  if (expected.outcome.kind === 'crash') return { verdict: 'oracleCrash' };
  if (expected.outcome.kind !== 'ok' && expected.outcome.kind !== 'budget' && !raisedOnPurpose(expected.outcome)) return { verdict: 'generatorBug' };
  if (isFailure(actual)) return { verdict: 'portCrash' };
  const comparison = compareRuns(expected, actual, options);
  return { verdict: comparison.same ? 'same' : 'differs', comparison };
}

/**
 * The exceptions generated programs raise on purpose (features raiseInTask and
 * exceptionAcrossAwait, generators/_internals/lower.ts): one escaping `asyncio.run` is an
 * outcome to compare. Any other exception means the generator wrote a wrong program.
 */
const GENERATED_EXCEPTIONS: ReadonlySet<string> = new Set(['ValueError', 'RuntimeError']);
function raisedOnPurpose(outcome: Outcome): boolean {
  return outcome.kind === 'exception' && GENERATED_EXCEPTIONS.has(outcome.type);
}

/**
 * Judge a user's program (`compare`): it may raise or deadlock on purpose, so any outcome is
 * compared; only a wall-clock stop on either side (a timeout) and a crash are not.
 */
export function judgeUserProgram(expected: SideResult, actual: SideResult, options: CompareOptions = {}): Judgement {
  if (isFailure(expected)) return { verdict: expected.rejected ? 'generatorBug' : 'oracleCrash' };
  if (isWallclock(expected) || isWallclock(actual)) return { verdict: 'timeout' };
  if (expected.outcome.kind === 'crash') return { verdict: 'oracleCrash' };
  if (isFailure(actual)) return { verdict: 'portCrash' };
  const comparison = compareRuns(expected, actual, options);
  return { verdict: comparison.same ? 'same' : 'differs', comparison };
}

export function emptyCounts(): Record<Verdict, number> {
  return { same: 0, differs: 0, oracleCrash: 0, portCrash: 0, timeout: 0, generatorBug: 0 };
}
