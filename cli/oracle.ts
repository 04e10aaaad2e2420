/** Starts the oracle for a command and always stops it, whatever the command does. */
import { startOracle, type Oracle } from '../oracle/oracles.ts';
import { EnvironmentProblem } from './errors.ts';
import type { CliIo } from './io.ts';
import { POW_BUILD_VARIABLE, setPowBuild } from '../runtime/libm-build.ts';
import { DEFAULT_PYTHON_VERSION, PYTHON_VERSION_VARIABLE, pythonVersionOf, setPythonVersion, type PythonVersion } from '../port/version.ts';

export interface OracleFlags {
  /** `--oracle NAME` (oracle/oracles.ts); default `system`. */
  oracle?: string;
  python?: string;
  workers?: number;
  /** `--python-version`: the CPython the port reproduces; default the oracle's (port/version.ts). */
  pythonVersion?: PythonVersion;
  /** The io's oracle starter (CliIo.startOracle: warm oracles a test keeps), else a fresh one each time. */
  start?: CliIo['startOracle'];
}

export async function withOracle<T>(flags: OracleFlags, use: (oracle: Oracle) => Promise<T>): Promise<T> {
  let oracle: Oracle;
  try {
    oracle = await (flags.start ?? startOracle)({ oracle: flags.oracle, python: flags.python, workers: flags.workers });
  } catch (error) {
    if (error instanceof Error && error.name === 'ProgramInputError') throw error;
    throw new EnvironmentProblem(
      `cannot start the ${flags.oracle ?? 'system'} oracle: ${error instanceof Error ? error.message : String(error)}\n` +
        'Pass --oracle NAME (e.g. cpython-3.12, embedded), --python PATH, or set ASYNCIO_CONFORMANCE_PYTHON to a CPython >= 3.9.',
    );
  }
  // The port prints this CPython's asyncio paths in task reprs (port/format_helpers.ts).
  if (oracle.info?.executable && oracle.info.implementation === 'CPython') process.env.ASYNCIO_CONFORMANCE_ORACLE_EXECUTABLE ??= oracle.info.executable;
  const restore = followOracle(oracle, flags.pythonVersion);
  try {
    return await use(oracle);
  } finally {
    restore();
    await oracle.close();
  }
}

/**
 * The port follows the oracle it is compared with, for this command (here and in the
 * processes it starts): the CPython version (`--python-version`, else the oracle's, else 3.11)
 * and the pow build (an embedded CPython's libm computes what glibc's generic build does:
 * runtime/pow.ts). Returns what undoes it (the CLI also runs in-process).
 */
function followOracle(oracle: Oracle, explicit: PythonVersion | undefined): () => void {
  const version = explicit ?? pythonVersionOf(oracle.info?.version ?? '') ?? DEFAULT_PYTHON_VERSION;
  const embedded = oracle.info?.executable?.startsWith('pyodide ') ?? false;
  const saved = { version: process.env[PYTHON_VERSION_VARIABLE], pow: process.env[POW_BUILD_VARIABLE] };
  setPythonVersion(version);
  process.env[PYTHON_VERSION_VARIABLE] = version;
  if (embedded) {
    setPowBuild('generic');
    process.env[POW_BUILD_VARIABLE] = 'generic';
  }
  return () => {
    setPythonVersion(undefined);
    setPowBuild(undefined);
    for (const [name, value] of [[PYTHON_VERSION_VARIABLE, saved.version], [POW_BUILD_VARIABLE, saved.pow]] as const) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  };
}
