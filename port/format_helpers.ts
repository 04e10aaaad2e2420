/**
 * Ports asyncio/format_helpers.py, 3.11: how a callback shows in a Future's repr
 * (`cb=[_run_until_complete_cb() at .../asyncio/base_events.py:180]`).
 *
 * A port function stands for a Python one through `pyFunction(fn, qualname, source)`: its
 * `__qualname__`, and for a Python-level function its `def` line in CPython's own asyncio
 * module (`co_filename`, `co_firstlineno`); C-level callables (the C Task's `task_wakeup`)
 * have no source, as in CPython. The asyncio directory printed is the oracle's CPython's
 * (`set_asyncio_dir`, or asked once of `python3` when nobody said).
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';

/** Where a Python function was defined: a file of CPython's asyncio package and the `def` line. */
export interface StdlibSource {
  module: string;
  line: number;
}

/** What `_format_callback_source` reads of a callable. */
export interface PyFunctionInfo {
  __qualname__: string;
  /** `_get_function_source(func)`: only for functions written in Python. */
  __source__?: StdlibSource;
}

/** Gives a port function the Python identity a repr shows. */
export function pyFunction<F extends object>(fn: F, qualname: string, source?: StdlibSource): F & PyFunctionInfo {
  return Object.assign(fn, source === undefined ? { __qualname__: qualname } : { __qualname__: qualname, __source__: source });
}

let asyncioDir: string | null = null;

/** The directory of the CPython `asyncio` package whose paths reprs print (the oracle's). */
export function set_asyncio_dir(dir: string | null): void {
  asyncioDir = dir;
}

/** `os.path.dirname(asyncio.__file__)` of a POSIX CPython install, from `sys.executable` and its version. */
export function asyncioDirOf(executable: string, version: string): string {
  const [major, minor] = version.split('.');
  return path.join(path.dirname(path.dirname(executable)), 'lib', `python${major}.${minor}`, 'asyncio');
}

/**
 * Set by the CLI to the oracle's interpreter once it started (cli/oracle.ts), so that a port
 * run in another thread or process asks the same CPython where its asyncio lives.
 */
export const ORACLE_EXECUTABLE_ENV = 'ASYNCIO_CONFORMANCE_ORACLE_EXECUTABLE';

/**
 * The asyncio directory: set by the harness, else asked once of the oracle's CPython (or the
 * one it would use: $ASYNCIO_CONFORMANCE_PYTHON, else `python3`).
 */
export function get_asyncio_dir(): string {
  if (asyncioDir === null) {
    const python = process.env[ORACLE_EXECUTABLE_ENV] || process.env.ASYNCIO_CONFORMANCE_PYTHON || 'python3';
    try {
      asyncioDir = execFileSync(python, ['-I', '-c', 'import asyncio, os; print(os.path.dirname(asyncio.__file__))'], {
        encoding: 'utf8',
        timeout: 30_000,
      }).trim();
    } catch {
      asyncioDir = '/usr/lib/python3.11/asyncio';
    }
  }
  return asyncioDir;
}

/** The path CPython prints for one of its asyncio modules. */
export function stdlibFile(module: string): string {
  return path.join(get_asyncio_dir(), module);
}

/** Ports format_helpers._format_args_and_kwargs, 3.11, for the empty argument list asyncio passes. */
export function _format_args_and_kwargs(): string {
  return '()';
}

/** Ports format_helpers._format_callback, 3.11 (no functools.partial in the port). */
export function _format_callback(func: unknown): string {
  const info = func as Partial<PyFunctionInfo> & { name?: string };
  const name = info.__qualname__ || info.name || '<callback>';
  return name + _format_args_and_kwargs();
}

/** Ports format_helpers._format_callback_source, 3.11. */
export function _format_callback_source(func: unknown): string {
  let func_repr = _format_callback(func);
  const source = (func as Partial<PyFunctionInfo>).__source__;
  if (source !== undefined) func_repr += ` at ${stdlibFile(source.module)}:${source.line}`;
  return func_repr;
}
