/**
 * Finds the CPython the oracle runs: `--python PATH`, else `$ASYNCIO_CONFORMANCE_PYTHON`,
 * else the real binary behind `python3` on PATH. A pyenv shim costs ~65 ms per spawn, so
 * the shim is resolved once (`sys.executable`) and the answer cached for the process.
 */
import { execa } from 'execa';

export interface PythonInfo {
  /** Absolute path of the real interpreter (never a shim). */
  executable: string;
  /** `major.minor.micro`, e.g. `3.11.7`. */
  version: string;
  /** `sys.implementation.name` as Python spells it in `platform.python_implementation()`, e.g. `CPython`. */
  implementation: string;
}

export interface FindPythonOptions {
  python?: string;
}

export const MIN_PYTHON: readonly [number, number] = [3, 9];
export const PYTHON_ENV_VAR = 'ASYNCIO_CONFORMANCE_PYTHON';

const PROBE =
  'import sys, platform; print(sys.executable); ' +
  "print('%d.%d.%d' % sys.version_info[:3]); print(platform.python_implementation())";

const cache = new Map<string, Promise<PythonInfo>>();

export function findPython(opts: FindPythonOptions = {}): Promise<PythonInfo> {
  const [candidate, source] = opts.python
    ? [opts.python, '--python']
    : process.env[PYTHON_ENV_VAR]
      ? [process.env[PYTHON_ENV_VAR] as string, `$${PYTHON_ENV_VAR}`]
      : ['python3', 'PATH'];
  let found = cache.get(candidate);
  if (!found) {
    found = probe(candidate, source);
    cache.set(candidate, found);
    found.catch(() => cache.delete(candidate)); // a failure is not cached: the user may fix it
  }
  return found;
}

async function probe(candidate: string, source: string): Promise<PythonInfo> {
  const howToFix =
    `The oracle needs CPython >= ${MIN_PYTHON.join('.')}. Install it, or point to one with ` +
    `--python /path/to/python3 or ${PYTHON_ENV_VAR}=/path/to/python3.`;
  let stdout: string;
  try {
    ({ stdout } = await execa(candidate, ['-c', PROBE], { timeout: 30_000 }));
  } catch (error) {
    const why = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new Error(`Cannot run Python '${candidate}' (from ${source}): ${why}\n${howToFix}`);
  }
  const [executable, version, implementation] = stdout.trim().split('\n').map((s) => s.trim());
  const [major, minor] = version.split('.').map(Number);
  if (!executable || !(major > MIN_PYTHON[0] || (major === MIN_PYTHON[0] && minor >= MIN_PYTHON[1]))) {
    throw new Error(`Python '${candidate}' (from ${source}) is ${version || 'unknown'}: too old.\n${howToFix}`);
  }
  return { executable, version, implementation };
}
