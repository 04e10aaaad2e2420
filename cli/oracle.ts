/** Starts the oracle for a command and always stops it, whatever the command does. */
import { startOracle, type Oracle } from '../oracle/oracles.ts';
import { EnvironmentProblem } from './errors.ts';

export interface OracleFlags {
  /** `--oracle NAME` (oracle/oracles.ts); default `system`. */
  oracle?: string;
  python?: string;
  workers?: number;
}

export async function withOracle<T>(flags: OracleFlags, use: (oracle: Oracle) => Promise<T>): Promise<T> {
  let oracle: Oracle;
  try {
    oracle = await startOracle({ oracle: flags.oracle, python: flags.python, workers: flags.workers });
  } catch (error) {
    if (error instanceof Error && error.name === 'ProgramInputError') throw error;
    throw new EnvironmentProblem(
      `cannot start the ${flags.oracle ?? 'system'} oracle: ${error instanceof Error ? error.message : String(error)}\n` +
        'Pass --oracle NAME (e.g. cpython-3.12, embedded), --python PATH, or set ASYNCIO_CONFORMANCE_PYTHON to a CPython >= 3.9.',
    );
  }
  // The port prints this CPython's asyncio paths in task reprs (port/format_helpers.ts).
  if (oracle.info?.executable && oracle.info.implementation === 'CPython') process.env.ASYNCIO_CONFORMANCE_ORACLE_EXECUTABLE ??= oracle.info.executable;
  try {
    return await use(oracle);
  } finally {
    await oracle.close();
  }
}
