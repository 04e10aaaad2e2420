/**
 * Generated programs on CPython, asked of the product's oracle (test/_support/oracle.ts)
 * exactly as `check` asks it (`runOnOracle`): each program runs twice and must end cleanly,
 * printing the same both times.
 */
import { DEFAULT_BUDGET, type Program, type RunResult } from '../../../ir/program.ts';
import { runOnOracle } from '../../../compare/sides.ts';
import { isFailure, type SideResult } from '../../../compare/verdict.ts';
import { sharedOracle } from '../../_support/oracle.ts';

export interface CleanRun {
  /** Ended with outcome ok, and a second run printed the same trace. */
  ok: boolean;
  /** The first run (a refusal or a lost worker is a failure, not a RunResult). */
  result: SideResult;
  /** Why it is not ok: the failure, the outcome (`ValueError: boom`, `deadlock`), or `nondeterministic output`. */
  error: string | null;
}

/** What an outcome says in one line. */
export function describeOutcome(result: SideResult): string | null {
  if (isFailure(result)) return result.failure;
  const { outcome } = result;
  if (outcome.kind === 'ok') return null;
  if (outcome.kind === 'exception') return `${outcome.type}: ${outcome.message}`;
  if (outcome.kind === 'budget') return `budget: ${outcome.limit}`;
  if (outcome.kind === 'crash') return `crash: ${outcome.message}`;
  return outcome.kind;
}

/** Runs each program twice on the oracle (realistic clock, the default budget, as `check` does). */
export async function runTwiceOnOracle(programs: Program[]): Promise<CleanRun[]> {
  const oracle = await sharedOracle();
  const options = { clock: 'realistic', budget: DEFAULT_BUDGET } as const;
  return Promise.all(
    programs.map(async (program) => {
      const [first, again] = await Promise.all([runOnOracle(oracle, program, options), runOnOracle(oracle, program, options)]);
      let error = describeOutcome(first);
      if (error === null && JSON.stringify((first as RunResult).trace) !== JSON.stringify((again as RunResult).trace)) error = 'nondeterministic output';
      return { ok: error === null, result: first, error };
    }),
  );
}
