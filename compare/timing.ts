/**
 * Timing-sensitive programs (SEMANTICS.md "Clock models"): under the realistic clock every
 * clock read costs 1 µs, as on a quiet machine. A program whose printed order changes when a
 * read costs a millisecond (a loaded machine) has a real-world output that depends on the
 * machine's speed: say so, and never call its differences a port bug.
 */
import type { Program, RunResult } from '../ir/program.ts';
import { printPython } from '../ir/python.ts';
import type { Oracle } from '../oracle/oracles.ts';
import type { RunOptions } from './sides.ts';
import { isWallclock } from './verdict.ts';

/** The cost of a clock read on a loaded machine. */
export const LOADED_MACHINE_QUANTUM = 1e-3;

const printed = (result: RunResult): string => result.trace.map((entry) => entry.text).join('');

export async function isTimingSensitive(oracle: Oracle, program: Program, options: RunOptions, quiet: RunResult): Promise<boolean> {
  if (options.clock !== 'realistic' || isWallclock(quiet)) return false;
  const loaded = await oracle.run(printPython(program), { filename: program.header?.source ?? 'program.py', ...options, quantum: LOADED_MACHINE_QUANTUM });
  // A run the wall clock cut short says nothing about timing: no note rather than a false one.
  if (isWallclock(loaded)) return false;
  return printed(loaded) !== printed(quiet);
}

export const TIMING_NOTE =
  'note: this program is timing-sensitive: its output changes when each clock read costs 1 ms instead of 1 µs, so `python3` may print it in another order on a slower or busier machine.\n';
