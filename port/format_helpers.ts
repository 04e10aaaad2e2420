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
import { PyFunction, PyPartial } from '../runtime/functions.ts';
import { repr as reprlibRepr } from '../runtime/reprlib.ts';
import { repr as pyRepr } from '../runtime/str.ts';

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

/** The Python callable a port callback stands for: a program's def, lambda or partial (runtime/callables.ts), else the port function itself. */
function pythonCallable(func: unknown): unknown {
  return typeof func === 'function' && '__pycallable__' in func ? (func as { __pycallable__: unknown }).__pycallable__ : func;
}

/** Ports format_helpers._get_function_source, 3.11: a Python function's file and `def` line; None for anything else. */
export function _get_function_source(func: unknown): [string, number] | null {
  func = pythonCallable(func);
  if (func instanceof PyFunction) return func.__code__ === null ? null : [func.__code__.co_filename, func.__code__.co_firstlineno];
  if (func instanceof PyPartial) return _get_function_source(func.func);
  const source = (func as Partial<PyFunctionInfo> | null)?.__source__;
  return source === undefined ? null : [stdlibFile(source.module), source.line];
}

/** Ports format_helpers._format_args_and_kwargs, 3.11: `(1, 'a', k=2)`, each value through reprlib.repr. */
export function _format_args_and_kwargs(args: readonly unknown[] | null = null, kwargs: Readonly<Record<string, unknown>> | null = null): string {
  const items: string[] = [];
  if (args) items.push(...args.map((arg) => reprlibRepr(arg)));
  if (kwargs) items.push(...Object.entries(kwargs).map(([k, v]) => `${k}=${reprlibRepr(v)}`));
  return `(${items.join(', ')})`;
}

/** Ports format_helpers._format_callback, 3.11: a partial shows its function, then its own arguments, then the call's. */
export function _format_callback(func: unknown, args: readonly unknown[] | null = null, kwargs: Readonly<Record<string, unknown>> | null = null, suffix = ''): string {
  func = pythonCallable(func);
  if (func instanceof PyPartial) {
    suffix = _format_args_and_kwargs(args, kwargs) + suffix;
    return _format_callback(func.func, func.args, func.keywords, suffix);
  }
  const info = func as (Partial<PyFunctionInfo> & { name?: string; __name__?: string }) | null;
  let func_repr: string;
  if ((func as { __pyTypeName__?: unknown } | null)?.__pyTypeName__ === 'method' && (func as { func: unknown }).func instanceof PyFunction) {
    func_repr = ((func as { func: PyFunction }).func).__qualname__; // a bound method's __qualname__ is its function's
  } else if (info?.__qualname__) func_repr = info.__qualname__;
  else if (info?.__name__) func_repr = info.__name__;
  else if (typeof func === 'function' && func.name) func_repr = func.name; // a port function not given its Python name
  else func_repr = pyRepr(func);
  func_repr += _format_args_and_kwargs(args, kwargs);
  if (suffix) func_repr += suffix;
  return func_repr;
}

/** Ports format_helpers._format_callback_source, 3.11: `cb(1) at /path/prog.py:3`. */
export function _format_callback_source(func: unknown, args: readonly unknown[] | null = null): string {
  let func_repr = _format_callback(func, args, null);
  const source = _get_function_source(func);
  if (source) func_repr += ` at ${source[0]}:${source[1]}`;
  return func_repr;
}
