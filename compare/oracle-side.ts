/**
 * CPython as a side: the oracle that judges every other side (runOnOracle), or a second
 * Python as the side under test (oracleSide). Apart from compare/sides.ts because it loads
 * neither the port nor the transpiler: `run --target cpython` starts without them.
 */
import type { Program } from '../ir/program.ts';
import { printPython } from '../ir/python.ts';
import type { Oracle } from '../oracle/oracles.ts';
import { DEFAULT_WALLCLOCK_MS } from '../oracle/wallclock.ts';
import type { RunOptions, Side } from './sides.ts';
import { retryingWallclock, sideFailure, type SideResult } from './verdict.ts';

/**
 * A second Python as the side under test (`check --oracle system --target cpython-3.14`):
 * the program as printed from the IR, run by that oracle exactly as the first one runs it
 * (runOnOracle), so two Pythons are compared, shrunk and bucketed like any other pair. Both
 * run the same virtual clock model, so times are compared to the bit. Its "TypeScript" is
 * the Python it ran.
 */
export function oracleSide(name: string, oracle: Oracle, wallclockMs: number = DEFAULT_WALLCLOCK_MS): Side {
  return {
    name,
    comparesTime: true,
    features: oracle.features,
    run: (program, options) => runOnOracle(oracle, program, options, wallclockMs),
    typescript: async (program) => printPython(program),
  };
}

/**
 * CPython runs the program as printed from the IR, whether generated or imported from a
 * user's file (printed with each statement on its source line): never a user's raw text, so
 * both sides run the one program the importer read.
 */
export async function runOnOracle(
  oracle: Oracle,
  program: Program,
  options: RunOptions,
  wallclockMs: number = DEFAULT_WALLCLOCK_MS,
): Promise<SideResult> {
  const run = { clock: options.clock, budget: options.budget, filename: program.header?.source ?? 'program.py' };
  try {
    const source = printPython(program); // throws IrInputError for an IR that is not one: a failure, as on the other sides
    // A wall-clock stop is the machine's doing: retried once with a larger budget (verdict.ts).
    return await retryingWallclock(wallclockMs, (ms) => oracle.run(source, { ...run, wallclockMs: ms }));
  } catch (error) {
    const rejected = error instanceof Error && error.name === 'ProgramInputError';
    return { ...(sideFailure(error) as { failure: string }), rejected };
  }
}
