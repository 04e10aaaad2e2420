/**
 * Timing-sensitive programs (SEMANTICS.md "Clock models"): under the realistic clock every
 * clock read costs 1 µs, as on a quiet machine. A program whose printed order changes when a
 * read costs a millisecond (a loaded machine) has a real-world output that depends on the
 * machine's speed: say so, and never call its differences a port bug.
 */
import type { RunResult } from '../ir/program.ts';
import type { Oracle } from '../oracle/pool.ts';
import type { RunOptions } from './sides.ts';

/** The cost of a clock read on a loaded machine. */
export const LOADED_MACHINE_QUANTUM = 1e-3;

const printed = (result: RunResult): string => result.trace.map((entry) => entry.text).join('');

export async function isTimingSensitive(oracle: Oracle, source: string, options: RunOptions, quiet: RunResult): Promise<boolean> {
  if (options.clock !== 'realistic') return false;
  const loaded = await oracle.run(source, { ...options, quantum: LOADED_MACHINE_QUANTUM });
  return printed(loaded) !== printed(quiet);
}

export const TIMING_NOTE =
  'note: this program is timing-sensitive: its output changes when each clock read costs 1 ms instead of 1 µs, so `python3` may print it in another order on a slower or busier machine.\n';
