/** Starts the oracle for a command and always stops it, whatever the command does. */
import { Oracle } from '../oracle/pool.ts';
import { EnvironmentProblem } from './errors.ts';

export interface OracleFlags {
  python?: string;
  workers?: number;
}

export async function withOracle<T>(flags: OracleFlags, use: (oracle: Oracle) => Promise<T>): Promise<T> {
  let oracle: Oracle;
  try {
    oracle = await Oracle.start({ python: flags.python, workers: flags.workers });
  } catch (error) {
    if (error instanceof Error && error.name === 'ProgramInputError') throw error;
    throw new EnvironmentProblem(
      `cannot start the CPython oracle: ${error instanceof Error ? error.message : String(error)}\n` +
        'Pass --python PATH or set ASYNCIO_CONFORMANCE_PYTHON to a CPython >= 3.9.',
    );
  }
  try {
    return await use(oracle);
  } finally {
    await oracle.close();
  }
}
